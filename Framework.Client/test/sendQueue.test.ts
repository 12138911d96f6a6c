import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listen } from '../src/events';
import type { EventMessage } from '../src/protocol';
import { makeView } from './fakes';

function events(sent: readonly unknown[]): EventMessage[] {
  return sent.filter((m) => (m as EventMessage).t === 'event') as EventMessage[];
}

function move(el: Element, clientX: number): void {
  el.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX }));
}

let unlisten: () => void = () => {};

beforeEach(() => vi.useFakeTimers());

afterEach(() => {
  unlisten();
  vi.useRealTimers();
});

describe('coalescing high-frequency events', () => {
  it('sends a burst of 100 moves as two messages, the second with the last position', async () => {
    const { root, view, transport } = makeView('<div data-rf="pad" data-rf-on="mousemove"></div>');
    unlisten = listen(root, view);
    const pad = root.querySelector('div')!;

    for (let x = 1; x <= 100; x++) {
      move(pad, x);
    }
    expect(events(transport.sent).map((m) => (m.args as { clientX: number }).clientX)).toEqual([1]);
    await transport.answer();

    const sent = events(transport.sent);
    expect(sent.map((m) => (m.args as { clientX: number }).clientX)).toEqual([1, 100]);
    expect(sent[1]!.id).toBe(sent[0]!.id + 1);
  });

  it('never lets a move overtake a click queued behind an earlier move', async () => {
    const { root, view, transport } = makeView('<div data-rf="pad" data-rf-on="mousemove click"></div>');
    unlisten = listen(root, view);
    const pad = root.querySelector('div')!;

    move(pad, 1);
    move(pad, 2);
    pad.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 2 }));
    move(pad, 3);
    move(pad, 4);
    for (let i = 0; i < 3; i++) {
      await transport.answer();
    }

    expect(events(transport.sent).map((m) => `${m.name} ${(m.args as { clientX: number }).clientX}`))
      .toEqual(['mousemove 1', 'mousemove 2', 'click 2', 'mousemove 4']);
  });

  it('does not merge moves of two elements or clicks', async () => {
    const { root, view, transport } = makeView(
      '<div id="a" data-rf="a" data-rf-on="mousemove click"></div><div id="b" data-rf="b" data-rf-on="mousemove"></div>');
    unlisten = listen(root, view);
    const a = root.querySelector('#a')!;
    const b = root.querySelector('#b')!;

    a.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    a.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    move(a, 1);
    move(b, 2);
    for (let i = 0; i < 4; i++) {
      await transport.answer();
    }

    expect(events(transport.sent).map((m) => `${m.target} ${m.name}`)).toEqual(['a click', 'a click', 'a mousemove', 'b mousemove']);
  });
});
