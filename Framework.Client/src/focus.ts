// Keeps the user's focus and caret across a DOM change: moving or replacing a focused input blurs it in the
// browser, and a refresh replaces it outright.

interface Selection {
  start: number;
  end: number;
  direction: 'forward' | 'backward' | 'none';
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
  if (selection) {
    const current = readSelection(target);
    if (current && (current.start !== selection.start || current.end !== selection.end ||
      current.direction !== selection.direction)) {
      try {
        (target as HTMLInputElement).setSelectionRange(selection.start, selection.end, selection.direction);
      } catch {
        // The element no longer supports a selection (e.g. its type changed); focus is enough.
      }
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
    return { start: input.selectionStart, end: input.selectionEnd, direction: input.selectionDirection ?? 'none' };
  } catch {
    // Reading the selection throws for input types without one in some browsers.
    return null;
  }
}
