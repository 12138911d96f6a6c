import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUSY_ATTRIBUTE } from '../src/busy';
import { listen } from '../src/events';
import { ServerError } from '../src/transport/transport';
import { makeView, VIEW } from './fakes';

let unlisten: () => void = () => {};

beforeEach(() => vi.useFakeTimers());

afterEach(() => {
  unlisten();
  vi.useRealTimers();
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
