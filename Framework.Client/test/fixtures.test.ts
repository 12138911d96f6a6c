import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../src/protocol';
import { makeView } from './fakes';

interface Fixture {
  name: string;
  before: string;
  after: string;
  messages: ServerMessage[];
}

const folder = resolve(__dirname, '../../tests/fixtures/protocol');
// codes.json, dom-shapes.json, interop.json and event-types.json have tests of their own (protocol, shape, interop, eventTypes).
const files = readdirSync(folder).filter((f) => f.endsWith('.json') && f !== 'codes.json' && f !== 'dom-shapes.json' && f !== 'interop.json' && f !== 'event-types.json').sort();

/**
 * The HTML as the browser serializes it. The server's writer escapes more than a browser does (`'` as
 * `&#x27;`) and writes empty attributes bare (`checked`), so both sides go through the same parser.
 */
function normalized(html: string): string {
  const container = document.createElement('div');
  container.innerHTML = html;
  return container.innerHTML;
}

describe('protocol fixtures', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const fixture = JSON.parse(readFileSync(join(folder, file), 'utf8')) as Fixture;

    it(`turn the before HTML into the after HTML: ${file}`, () => {
      const first = fixture.messages.find((m) => 'view' in m && 'n' in m) as { view: string; n: number } | undefined;
      const { root, view, transport } = makeView(fixture.before, first ? first.n - 1 : 1, first?.view);
      view.receive(fixture.messages);
      expect(transport.sent).toEqual([]);
      expect(root.innerHTML).toBe(normalized(fixture.after));
    });
  }
});
