import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUSY_ATTRIBUTE } from '../src/busy';
import { listen } from '../src/events';
import type { EventMessage } from '../src/protocol';
import { ServerError } from '../src/transport/transport';
import { makeView, VIEW } from './fakes';

function events(sent: readonly unknown[]): EventMessage[] {
  return sent.filter((m) => (m as EventMessage).t === 'event') as EventMessage[];
}

function move(el: Element, clientX: number): void {
  el.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX }));
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

describe('busy marks', () => {
  it('marks the element while its event is in flight and takes the mark off when the answer arrives', async () => {
    const { root, view, transport } = makeView('<button data-rf="b" data-rf-on="click">Save</button>');
    unlisten = listen(root, view);
    const button = root.querySelector('button')!;

    button.click();
    expect(button.hasAttribute(BUSY_ATTRIBUTE)).toBe(true);
    await transport.answer();

    expect(button.hasAttribute(BUSY_ATTRIBUTE)).toBe(false);
  });

  it('takes the mark off when the send fails', async () => {
    const { root, view, transport } = makeView('<button data-rf="b" data-rf-on="click">Save</button>');
    unlisten = listen(root, view);
    const button = root.querySelector('button')!;

    button.click();
    await transport.fail(new ServerError(400, 'bad-event-args', 'no'));

    expect(button.hasAttribute(BUSY_ATTRIBUTE)).toBe(false);
  });

  it('keeps the mark while a second event of the element still waits', async () => {
    const { root, view, transport } = makeView('<button data-rf="b" data-rf-on="click">Save</button>');
    unlisten = listen(root, view);
    const button = root.querySelector('button')!;

    button.click();
    button.click();
    await transport.answer();
    expect(button.hasAttribute(BUSY_ATTRIBUTE)).toBe(true);
    await transport.answer();

    expect(button.hasAttribute(BUSY_ATTRIBUTE)).toBe(false);
  });

  it('disables the form\'s data-rf-disable-busy submit button during its submit, not its other buttons', async () => {
    const { root, view, transport } = makeView(
      '<form data-rf="f" data-rf-on="submit"><input name="q"><button id="go" data-rf-disable-busy>Go</button>' +
      '<button id="other" type="button">Other</button></form>');
    unlisten = listen(root, view);
    const form = root.querySelector('form')!;
    const go = root.querySelector<HTMLButtonElement>('#go')!;

    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(form.hasAttribute(BUSY_ATTRIBUTE)).toBe(true);
    expect(go.disabled).toBe(true);
    expect(root.querySelector<HTMLButtonElement>('#other')!.disabled).toBe(false);
    await transport.answer();

    expect(go.disabled).toBe(false);
    expect(form.hasAttribute(BUSY_ATTRIBUTE)).toBe(false);
  });

  it('leaves a button the server disabled in its answer disabled', async () => {
    const { root, view, transport } = makeView('<button data-rf="b" data-rf-on="click" data-rf-disable-busy>Pay</button>');
    unlisten = listen(root, view);
    const button = root.querySelector('button')!;

    button.click();
    expect(button.disabled).toBe(true);
    // The answer sets disabled on the button (patch path [0], attribute code 2).
    await transport.answer([{ t: 'update', view: VIEW, n: 2, patches: [[2, [0], 'disabled', '']] }]);

    expect(button.disabled).toBe(true);
  });

  it('leaves a control the page disabled itself alone', async () => {
    const { root, view, transport } = makeView(
      '<form data-rf="f" data-rf-on="submit"><button disabled data-rf-disable-busy>Go</button></form>');
    unlisten = listen(root, view);

    root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await transport.answer();

    expect(root.querySelector('button')!.disabled).toBe(true);
  });
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

    expect(events(transport.sent).map((m) => `${m.name} ${JSON.stringify(m.args)}`)).toEqual([
      'input {"value":"abc"}', 'click ' + JSON.stringify(events(transport.sent)[1]!.args),
      'input {"value":"abcd"}', 'input {"value":"abcde"}', 'input {"value":"abcdef"}', 'submit {}',
    ]);
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
