import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listen, type EventSink } from '../src/events';
import { keepFocus } from '../src/focus';

interface Captured {
  target: string;
  name: string;
  args: Record<string, unknown>;
}

let root: HTMLElement;
let events: Captured[];
let navigations: string[];
let unlisten: () => void;

function mount(html: string): void {
  root.innerHTML = html;
}

function q<T extends Element = HTMLElement>(selector: string): T {
  return root.querySelector(selector) as T;
}

/** Clicks and reports whether the client prevented the default; the browser itself never follows the link. */
function click(el: Element, init: MouseEventInit = {}): { defaultPrevented: boolean } {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...init });
  let prevented = false;
  // Runs after the client's document listener; stops happy-dom from really navigating the test window away.
  const last = (e: Event) => {
    prevented = e.defaultPrevented;
    e.preventDefault();
  };
  window.addEventListener('click', last);
  el.dispatchEvent(event);
  window.removeEventListener('click', last);
  return { defaultPrevented: prevented };
}

beforeEach(() => {
  document.body.innerHTML = '<div id="rf-root"></div>';
  root = document.getElementById('rf-root')!;
  events = [];
  navigations = [];
  const sink: EventSink = {
    event: (target, name, args) => events.push({ target, name, args: args as Record<string, unknown> }),
    navigate: (url) => navigations.push(url),
  };
  unlisten = listen(root, sink);
});

afterEach(() => unlisten());

describe('event capture', () => {
  it('sends an event for an element whose data-rf-on names it', () => {
    mount('<button data-rf="root/1#0" data-rf-on="click">+</button>');
    click(q('button'), { clientX: 5, ctrlKey: true });
    expect(events).toHaveLength(1);
    expect(events[0]!.target).toBe('root/1#0');
    expect(events[0]!.name).toBe('click');
    expect(events[0]!.args).toMatchObject({ button: 0, clientX: 5, ctrlKey: true, shiftKey: false, type: 'click' });
  });

  it('ignores an element whose data-rf-on names other events', () => {
    mount('<button data-rf="root/1#0" data-rf-on="dblclick input">+</button>');
    click(q('button'));
    expect(events).toEqual([]);
  });

  it('ignores events outside the view root', () => {
    document.body.insertAdjacentHTML('beforeend', '<button data-rf="x" data-rf-on="click">out</button>');
    click(document.body.lastElementChild!);
    expect(events).toEqual([]);
  });

  it('bubbles to every ancestor with a handler, innermost first', () => {
    mount('<div data-rf="outer" data-rf-on="click"><p><span data-rf="inner" data-rf-on="click">x</span></p></div>');
    click(q('span').firstChild as unknown as Element);
    expect(events.map((e) => e.target)).toEqual(['inner', 'outer']);
  });

  it('stops at an element whose data-rf-sp names the event', () => {
    mount('<div data-rf="outer" data-rf-on="click"><span data-rf="inner" data-rf-on="click" data-rf-sp="click">x</span></div>');
    let reachedWindow = false;
    const spy = () => { reachedWindow = true; };
    window.addEventListener('click', spy);
    click(q('span'));
    window.removeEventListener('click', spy);
    expect(events.map((e) => e.target)).toEqual(['inner']);
    expect(reachedWindow).toBe(false);
  });

  it('prevents the default action when data-rf-pd names the event', () => {
    mount('<div data-rf-pd="click"><button data-rf="b" data-rf-on="click">x</button></div><button id="free">y</button>');
    expect(click(q('button')).defaultPrevented).toBe(true);
    expect(click(q('#free')).defaultPrevented).toBe(false);
  });

  it('always prevents a submit that has a server handler', () => {
    mount('<form data-rf="f" data-rf-on="submit"><button>go</button></form>');
    const event = new Event('submit', { bubbles: true, cancelable: true });
    q('form').dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(events[0]).toMatchObject({ target: 'f', name: 'submit' });
  });

  it('sends the string value of a text input', () => {
    mount('<input data-rf="i" data-rf-on="input">');
    const input = q<HTMLInputElement>('input');
    input.value = 'hello';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(events[0]!.args).toEqual({ value: 'hello' });
  });

  it('sends the checked state of a checkbox as a boolean', () => {
    mount('<input type="checkbox" data-rf="c" data-rf-on="change">');
    const box = q<HTMLInputElement>('input');
    box.checked = true;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    expect(events[0]!.args).toEqual({ value: true });
  });

  it('sends the selected values of a multiple select as an array', () => {
    mount('<select multiple data-rf="s" data-rf-on="change"><option value="a">A</option><option value="b">B</option><option value="c">C</option></select>');
    const select = q<HTMLSelectElement>('select');
    select.options[0]!.selected = true;
    select.options[2]!.selected = true;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(events[0]!.args).toEqual({ value: ['a', 'c'] });
  });

  it('sends the value of a single select as a string', () => {
    mount('<select data-rf="s" data-rf-on="change"><option value="a">A</option><option value="b">B</option></select>');
    const select = q<HTMLSelectElement>('select');
    select.value = 'b';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(events[0]!.args).toEqual({ value: 'b' });
  });

  it('sends keyboard fields', () => {
    mount('<input data-rf="k" data-rf-on="keydown">');
    q('input').dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'Enter', code: 'Enter', shiftKey: true }));
    expect(events[0]!.args).toMatchObject({ key: 'Enter', code: 'Enter', shiftKey: true, ctrlKey: false, repeat: false, type: 'keydown' });
  });

  it('sends focus and blur of the element itself but not of its ancestors', () => {
    mount('<div data-rf="d" data-rf-on="focus"><input data-rf="i" data-rf-on="focus blur"></div>');
    q('input').dispatchEvent(new FocusEvent('focus'));
    q('input').dispatchEvent(new FocusEvent('blur'));
    expect(events).toEqual([
      { target: 'i', name: 'focus', args: { type: 'focus' } },
      { target: 'i', name: 'blur', args: { type: 'blur' } },
    ]);
  });

  it('does not report the focus changes the client makes itself while patching', () => {
    mount('<input data-rf="i" data-rf-on="focus blur"><p></p>');
    const input = q<HTMLInputElement>('input');
    input.focus();
    events.length = 0;
    keepFocus(root, () => {
      input.blur();
      root.appendChild(input);
    });
    expect(document.activeElement).toBe(input);
    expect(events).toEqual([]);
  });
});

describe('link interception', () => {
  it('turns a left click on an in-app link into a nav message', () => {
    mount('<a href="/cart?id=3">cart</a>');
    const event = click(q('a'));
    expect(event.defaultPrevented).toBe(true);
    expect(navigations).toEqual([new URL('/cart?id=3', location.href).href]);
  });

  it('leaves links alone that the browser must follow itself', () => {
    mount('<a id="ext" href="https://example.org/">x</a><a id="tab" href="/a" target="_blank">x</a>' +
      '<a id="dl" href="/file" download>x</a><a id="hash" href="#top">x</a><a id="plain" href="/b">x</a>');
    for (const id of ['ext', 'tab', 'dl', 'hash']) {
      expect(click(q(`#${id}`)).defaultPrevented).toBe(false);
    }
    expect(click(q('#plain'), { ctrlKey: true }).defaultPrevented).toBe(false);
    expect(click(q('#plain'), { button: 1 }).defaultPrevented).toBe(false);
    expect(navigations).toEqual([]);
  });

  it('does not navigate when a handler prevented the click', () => {
    mount('<a href="/a" data-rf="l" data-rf-on="click" data-rf-pd="click">x</a>');
    click(q('a'));
    expect(events).toHaveLength(1);
    expect(navigations).toEqual([]);
  });

  it('sends nav with the current address on back and forward', () => {
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(navigations).toEqual([location.href]);
  });
});
