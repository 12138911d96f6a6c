import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/transport/transport';

describe('retryDelayMs', () => {
  it('doubles from 250 ms up to 5 s for a network error or a generic 5xx', () => {
    expect([0, 1, 2, 3, 4, 5, 30].map((attempt) => retryDelayMs(attempt, () => 1))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
    expect([0, 1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, () => 1, 'internal'))).toEqual([250, 500, 1000, 2000, 4000, 5000]);
  });

  it('keeps store-unavailable and busy retries at most a second apart: the node is up and the store is back soon', () => {
    for (const code of ['store-unavailable', 'busy']) {
      expect([0, 1, 2, 3, 4, 30].map((attempt) => retryDelayMs(attempt, () => 1, code))).toEqual([250, 500, 1000, 1000, 1000, 1000]);
    }
  });

  it('waits half the ceiling fixed and the other half at random', () => {
    expect(retryDelayMs(3, () => 0)).toBe(1000);
    expect(retryDelayMs(3, () => 0.5)).toBe(1500);
    expect(retryDelayMs(4, () => 0, 'store-unavailable')).toBe(500);
  });
});
