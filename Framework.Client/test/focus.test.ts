import { describe, expect, it } from 'vitest';
import { applyPatches } from '../src/patches';
import { keepFocus, mapCaret } from '../src/focus';
import { makeView, VIEW } from './fakes';

function focusInput(root: HTMLElement, selector: string, value: string, start: number, end: number): HTMLInputElement {
  const input = root.querySelector(selector) as HTMLInputElement;
  input.focus();
  input.value = value;
  input.setSelectionRange(start, end);
  return input;
}

describe('focus and caret', () => {
  it('keeps focus and caret in an input moved by a patch', () => {
    const { root, view } = makeView('<ul><li><input id="a"></li><li><input id="b"></li></ul>');
    const input = focusInput(root, '#b', 'hello', 2, 4);
    view.receive([{ t: 'update', view: VIEW, n: 2, patches: [[6, [0], 1, 0]] }]);
    expect(root.querySelector('li')!.firstChild).toBe(input);
    expect(document.activeElement).toBe(input);
    expect([input.selectionStart, input.selectionEnd]).toEqual([2, 4]);
  });

  it('keeps focus and caret when a node is inserted before the focused input', () => {
    const { root, view } = makeView('<div><input id="name"></div>');
    const input = focusInput(root, '#name', 'typing', 3, 3);
    view.receive([{ t: 'update', view: VIEW, n: 2, patches: [[4, [0], 0, '<p>Hint</p>'], [4, [], 0, 'Hello']] }]);
    expect(root.innerHTML).toBe('Hello<div><p>Hint</p><input id="name"></div>');
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe('typing');
    expect([input.selectionStart, input.selectionEnd]).toEqual([3, 3]);
  });

  it('does not change what the user is typing unless the server patches the value', () => {
    const { root, view } = makeView('<input id="q" value="a"><span>0</span>');
    const input = focusInput(root, '#q', 'abc', 3, 3);
    view.receive([{ t: 'update', view: VIEW, n: 2, patches: [[1, [1, 0], '1'], [2, [0], 'class', 'busy']] }]);
    expect(input.value).toBe('abc');
  });

  // Regression: the caret went back to its old index. The user emptied an int field, the server answered "0", the
  // caret stayed in front of it, and typing 42 gave 420.
  it('keeps a caret at the end of the value at the end when the server rewrites the value', () => {
    const { root, view } = makeView('<input id="n" value="0">');
    const input = focusInput(root, '#n', '', 0, 0);
    view.receive([{ t: 'update', view: VIEW, n: 2, patches: [[2, [0], 'value', '0']] }]);
    expect(input.value).toBe('0');
    expect([input.selectionStart, input.selectionEnd]).toEqual([1, 1]);

    focusInput(root, '#n', '04', 2, 2);
    view.receive([{ t: 'update', view: VIEW, n: 3, patches: [[2, [0], 'value', '4']] }]);
    expect([input.selectionStart, input.selectionEnd]).toEqual([1, 1]);
  });

  it('keeps the caret in text the user did not change when the server rewrites the value', () => {
    const { root, view } = makeView('<input id="t" value="">');
    const input = focusInput(root, '#t', 'hello world', 5, 5);
    view.receive([{ t: 'update', view: VIEW, n: 2, patches: [[2, [0], 'value', 'Hello world']] }]);
    expect([input.selectionStart, input.selectionEnd]).toEqual([5, 5]);

    focusInput(root, '#t', 'ab  cd', 1, 1);
    view.receive([{ t: 'update', view: VIEW, n: 3, patches: [[2, [0], 'value', 'ab cd']] }]);
    expect([input.selectionStart, input.selectionEnd]).toEqual([1, 1]);
  });

  const carets: Array<[string, string, number, number, string]> = [
    ['', '0', 0, 1, 'at the end stays at the end'],
    ['04', '4', 2, 1, 'at the end stays at the end when the value shrinks'],
    ['0', '0', 0, 0, 'does not move when the value is the same'],
    ['hello world', 'Hello world', 5, 5, 'after a change keeps its distance from the end'],
    ['10000', '10,000', 4, 5, 'after an inserted separator keeps its distance from the end'],
    ['abc def', 'abc def!', 2, 2, 'before a change keeps its index'],
    ['abXYZcd', 'abQcd', 3, 3, 'inside the changed part goes after what replaced it'],
  ];
  for (const [before, after, caret, expected, what] of carets) {
    it(`maps a caret that ${what} (${JSON.stringify(before)} to ${JSON.stringify(after)})`, () => {
      expect(mapCaret(before, after, caret)).toBe(expected);
    });
  }

  it('restores focus and caret after the element was moved out and back by the browser', () => {
    document.body.innerHTML = '<div id="rf-root"><input id="x"><p></p></div>';
    const root = document.getElementById('rf-root')!;
    const input = focusInput(root, '#x', 'value', 1, 3);
    keepFocus(root, () => {
      input.remove();
      input.blur();
      root.appendChild(input);
    });
    expect(document.activeElement).toBe(input);
    expect([input.selectionStart, input.selectionEnd]).toEqual([1, 3]);
  });

  it('focuses the element with the same id when the focused one was replaced', () => {
    const { root, view } = makeView('<input id="email"><p></p>');
    focusInput(root, '#email', 'me@x', 4, 4);
    view.receive([{ t: 'update', view: VIEW, n: 2, patches: [[7, [0], '<input id="email" value="me@x" class="bad">']] }]);
    const replacement = root.querySelector('#email') as HTMLInputElement;
    expect(replacement.className).toBe('bad');
    expect(document.activeElement).toBe(replacement);
    expect([replacement.selectionStart, replacement.selectionEnd]).toEqual([4, 4]);
  });

  it('focuses the element with the same id after a refresh', () => {
    const { root, view } = makeView('<input id="email">');
    focusInput(root, '#email', 'abc', 1, 1);
    view.receive([{ t: 'refresh', view: VIEW, n: 5, html: '<h1>x</h1><input id="email" value="abc">' }]);
    expect(document.activeElement).toBe(root.querySelector('#email'));
  });

  it('leaves focus alone when it is outside the view', () => {
    document.body.innerHTML = '<input id="outside"><div id="rf-root"><p>x</p></div>';
    const root = document.getElementById('rf-root')!;
    const outside = document.getElementById('outside') as HTMLInputElement;
    outside.focus();
    keepFocus(root, () => applyPatches(root, [[7, [0], '<p>y</p>']]));
    expect(document.activeElement).toBe(outside);
  });
});
