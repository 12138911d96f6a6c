import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'happy-dom',
    include: ['test/**/*.test.ts'],
    // A forgotten `.only` would silently skip the rest of the suite; make it fail the run instead.
    allowOnly: false,
  },
});
