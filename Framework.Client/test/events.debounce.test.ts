import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUSY_ATTRIBUTE } from '../src/busy';
import { listen } from '../src/events';
import type { EventMessage } from '../src/protocol';
import { makeView } from './fakes';

function events(sent: readonly unknown[]): EventMessage[] {
  return sent.filter((m) => (m as EventMessage).t === 'event') as EventMessage[];
}

function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

let unlisten: () => void = () => {};

beforeEach(() => vi.useFakeTimers());

afterEach(() => {
  unlisten();
  vi.useRealTimers();
});

describe('debounced input', () => {
  it('sends one input with the final text after the pause', async () => {
    const { root, view, transport } = makeView('<input data-rf="i" data-rf-on="input" data-rf-debounce="300">');
    unlisten = listen(root, view);
    const input = root.querySelector('input')!;

    for (const text of ['h', 'he', 'hel', 'hell', 'hello']) {
      type(input, text);
      vi.advanceTimersByTime(100);
    }
    expect(events(transport.sent)).toEqual([]);
    vi.advanceTimersByTime(300);

    expect(events(transport.sent).map((m) => m.args)).toEqual([{ value: 'hello' }]);
    expect(input.hasAttribute(BUSY_ATTRIBUTE)).toBe(true);
  });

  it('sends the held text before a click, a change, a blur or a submit, so no keystroke is lost', async () => {
    const { root, view, transport } = makeView(
      '<form data-rf="f" data-rf-on="submit"><input data-rf="i" data-rf-on="input" data-rf-debounce="300"></form>' +
      '<button data-rf="b" data-rf-on="click">Save</button>');
    unlisten = listen(root, view);
    const input = root.querySelector('input')!;

    type(input, 'abc');
    root.querySelector('button')!.click();
    type(input, 'abcd');
    input.dispatchEvent(new Event('change', { bubbles: true }));
    type(input, 'abcde');
    input.dispatchEvent(new FocusEvent('blur'));
    type(input, 'abcdef');
    root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    for (let i = 0; i < 5; i++) {
      await transport.answer();
    }

    expect(events(transport.sent).map((m) => (m.name === 'input' ? (m.args as { value: string }).value : m.name)))
      .toEqual(['abc', 'click', 'abcd', 'abcde', 'abcdef', 'submit']);
  });

  it('sends every keystroke of a field without data-rf-debounce', () => {
    const { root, view, transport } = makeView('<input data-rf="i" data-rf-on="input">');
    unlisten = listen(root, view);
    const input = root.querySelector('input')!;

    type(input, 'a');
    type(input, 'ab');

    expect(events(transport.sent).map((m) => m.args)).toEqual([{ value: 'a' }]);
  });
});
