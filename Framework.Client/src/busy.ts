/** Set on an element while one of its events is on its way to the server and back (styleable). */
export const BUSY_ATTRIBUTE = 'data-rf-busy';

/**
 * On a button or other form control: disabled while its own event, or its form's submit, is in flight
 * (docs/protocol.md, "Loading states").
 */
export const DISABLE_BUSY_ATTRIBUTE = 'data-rf-disable-busy';

// Events in flight per element, and per control the marks that keep it disabled.
const busy = new WeakMap<Element, number>();
const disabledBy = new WeakMap<Element, number>();

/**
 * Marks `element` busy for one event; returns the function that takes the mark off again. A form's mark also
 * disables its controls that carry `data-rf-disable-busy`.
 */
export function markBusy(element: Element): () => void {
  busy.set(element, (busy.get(element) ?? 0) + 1);
  element.setAttribute(BUSY_ATTRIBUTE, '');
  const disabled = controlsToDisable(element).filter(disable);
  let released = false;
  return () => {
    if (released) {
      return;
    }
    released = true;
    const left = (busy.get(element) ?? 1) - 1;
    if (left > 0) {
      busy.set(element, left);
    } else {
      busy.delete(element);
      element.removeAttribute(BUSY_ATTRIBUTE);
    }
    disabled.forEach(enable);
  };
}

function controlsToDisable(element: Element): Element[] {
  const own = element.hasAttribute(DISABLE_BUSY_ATTRIBUTE) ? [element] : [];
  if (element.localName !== 'form') {
    return own;
  }
  const controls = Array.from((element as HTMLFormElement).elements ?? []);
  return [...own, ...controls.filter((control) => control.hasAttribute(DISABLE_BUSY_ATTRIBUTE))];
}

// A control the page itself disabled is left alone: only the client's own marks are counted and taken off.
function disable(control: Element): boolean {
  const count = disabledBy.get(control) ?? 0;
  if (count === 0 && (!('disabled' in control) || (control as HTMLButtonElement).disabled)) {
    return false;
  }
  (control as HTMLButtonElement).disabled = true;
  disabledBy.set(control, count + 1);
  return true;
}

function enable(control: Element): void {
  const left = (disabledBy.get(control) ?? 1) - 1;
  if (left > 0) {
    disabledBy.set(control, left);
    return;
  }
  disabledBy.delete(control);
  (control as HTMLButtonElement).disabled = false;
}
