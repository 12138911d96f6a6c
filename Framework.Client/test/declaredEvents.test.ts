import { describe, expect, it } from 'vitest';
import { listenToDeclaredEvents } from '../src/declaredEvents';
import { listen } from '../src/events';
import { flush } from './fakes';

function page(html: string) {
  document.body.innerHTML = `<div id="rf-root">${html}</div>`;
  const root = document.getElementById('rf-root')!;
  const events: [string, string, object][] = [];
  const sink = { event: (target: string, name: string, args: object) => events.push([target, name, args]), navigate: () => {} };
  const stops = [listen(root, sink), listenToDeclaredEvents(root)];
  return { root, events, stop: () => stops.forEach((s) => s()) };
}

describe('events a component declares ([EventHandler])', () => {
  it('reach the server from an element rendered with the first page', () => {
    const { root, events, stop } = page('<table data-rf="t" data-rf-on="closecolumnoptions"><tr><td id="cell">x</td></tr></table>');

    root.querySelector('#cell')!.dispatchEvent(new CustomEvent('closecolumnoptions', { bubbles: true }));
    stop();

    expect(events).toEqual([['t', 'closecolumnoptions', {}]]);
  });

  it('reach the server from an element a later patch added', async () => {
    const { root, events, stop } = page('<p>nothing yet</p>');
    const table = document.createElement('table');
    table.setAttribute('data-rf', 't');
    table.setAttribute('data-rf-on', 'click closecolumnoptions');
    root.append(table);
    await flush();

    table.dispatchEvent(new CustomEvent('closecolumnoptions', { bubbles: true }));
    stop();

    expect(events.map((e) => e[1])).toEqual(['closecolumnoptions']);
  });

  it('never add a second listener for a standard event', () => {
    const { root, events, stop } = page('<button data-rf="b" data-rf-on="click">go</button>');

    (root.querySelector('button') as HTMLElement).click();
    stop();

    expect(events.map((e) => e[1])).toEqual(['click']);
  });
});
