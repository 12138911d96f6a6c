// Keeps the user's focus and caret across a DOM change: moving or replacing a focused input blurs it in the
// browser, and a refresh replaces it outright.

interface Selection {
  start: number;
  end: number;
  direction: 'forward' | 'backward' | 'none';
  value: string;
}

let quiet = 0;

/** True while patches are applied and focus is restored; focus events then come from us, not the user. */
export function isRestoringFocus(): boolean {
  return quiet > 0;
}

/** Runs change (which may throw) and puts focus and selection back where they were. */
export function keepFocus<T>(root: Element, change: () => T): T {
  const doc = root.ownerDocument;
  const active = doc.activeElement as HTMLElement | null;
  if (!active || active === root || !root.contains(active)) {
    return change();
  }
  const id = active.id;
  const selection = readSelection(active);
  quiet++;
  try {
    return change();
  } finally {
    try {
      restore(root, active, id, selection);
    } finally {
      quiet--;
    }
  }
}

function restore(root: Element, previous: HTMLElement, id: string, selection: Selection | null): void {
  const doc = root.ownerDocument;
  let target: HTMLElement | null = previous.isConnected && root.contains(previous) ? previous : null;
  if (!target && id) {
    const byId = doc.getElementById(id);
    target = byId && root.contains(byId) ? byId : null;
  }
  if (!target) {
    return;
  }
  if (doc.activeElement !== target) {
    target.focus({ preventScroll: true });
  }
  const current = selection && readSelection(target);
  if (!selection || !current) {
    return;
  }
  // The server may have rewritten the value (an int field turns "04" into "4"): the caret follows the text.
  const start = mapCaret(selection.value, current.value, selection.start);
  const end = mapCaret(selection.value, current.value, selection.end);
  if (current.start !== start || current.end !== end || current.direction !== selection.direction) {
    try {
      (target as HTMLInputElement).setSelectionRange(start, end, selection.direction);
    } catch {
      // The element no longer supports a selection (e.g. its type changed); focus is enough.
    }
  }
}

function readSelection(el: Element): Selection | null {
  if (el.localName !== 'input' && el.localName !== 'textarea') {
    return null;
  }
  try {
    const input = el as HTMLInputElement;
    if (input.selectionStart === null || input.selectionEnd === null) {
      return null;
    }
    return {
      start: input.selectionStart, end: input.selectionEnd, direction: input.selectionDirection ?? 'none', value: input.value,
    };
  } catch {
    // Reading the selection throws for input types without one in some browsers.
    return null;
  }
}

/**
 * Where a caret at `caret` in `before` belongs in `after`: a caret at the end stays at the end; in the text before
 * the change or after it (the text the user did not change) it keeps its place in that text; inside the changed
 * part it goes after the text that replaced it.
 */
export function mapCaret(before: string, after: string, caret: number): number {
  if (before === after) {
    return caret;
  }
  if (caret >= before.length) {
    return after.length;
  }
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before[prefix] === after[prefix]) {
    prefix++;
  }
  if (caret <= prefix) {
    return caret;
  }
  let suffix = 0;
  while (suffix < shorter - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) {
    suffix++;
  }
  if (caret >= before.length - suffix) {
    return after.length - (before.length - caret);
  }
  return after.length - suffix;
}
