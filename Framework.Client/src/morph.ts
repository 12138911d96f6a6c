import { ProtocolConstants } from './protocol';

// A refresh brings the view's DOM to the server's tree. Replacing the children outright did that, but every element
// JavaScript held then stayed behind, detached: a component library's `init(element)` (QuickGrid's module closes its
// column options on a click outside them, through the table it was given) kept working on a copy nobody sees, and a
// component only runs its first render once. Blazor never replaces its DOM wholesale, so such code never expects it.
// The refresh therefore morphs: an element that survives keeps its identity (and its listeners, scroll position and
// focus), and only what differs is changed, inserted or removed (docs/design.md, "The browser holds the server's DOM").
//
// Matching is deliberately simple, because the result must be the server's tree exactly, not the least work:
// - an element with a `data-rf` reference (it has handlers or an @ref, so JavaScript may hold it) matches the sibling
//   with the same reference and tag, wherever it stands among the old children (the parser may have moved things);
// - any other node matches the old child in its place if that is of the same kind and tag and has no reference.
// Whatever matched nothing is inserted from the refresh, whatever is left over is removed.

/** Makes `live`'s children the children of `wanted` (built by src/markup.ts), keeping the elements that survive. */
export function morphChildren(live: Node, wanted: Node): void {
  const byReference = new Map<string, Element>();
  for (let child = live.firstChild; child; child = child.nextSibling) {
    const reference = referenceOf(child);
    if (reference !== null) {
      byReference.set(reference, child as Element);
    }
  }
  let cursor: ChildNode | null = live.firstChild;
  for (const next of Array.from(wanted.childNodes)) {
    const match = findMatch(cursor, next, byReference);
    if (!match) {
      live.insertBefore(next, cursor);
      continue;
    }
    if (match === cursor) {
      cursor = cursor.nextSibling;
    } else {
      live.insertBefore(match, cursor);
    }
    update(match, next);
  }
  while (cursor) {
    const after: ChildNode | null = cursor.nextSibling;
    cursor.remove();
    cursor = after;
  }
}

function findMatch(cursor: ChildNode | null, next: ChildNode, byReference: Map<string, Element>): ChildNode | null {
  const reference = referenceOf(next);
  if (reference !== null) {
    const found = byReference.get(reference);
    if (found && sameKind(found, next)) {
      byReference.delete(reference);
      return found;
    }
    return null;
  }
  return cursor && referenceOf(cursor) === null && sameKind(cursor, next) ? cursor : null;
}

function referenceOf(node: Node): string | null {
  return node.nodeType === Node.ELEMENT_NODE ? (node as Element).getAttribute(ProtocolConstants.TargetAttribute) : null;
}

function sameKind(a: Node, b: Node): boolean {
  if (a.nodeType !== b.nodeType) {
    return false;
  }
  if (a.nodeType !== Node.ELEMENT_NODE) {
    return true;
  }
  const x = a as Element;
  const y = b as Element;
  return x.localName === y.localName && x.namespaceURI === y.namespaceURI;
}

function update(live: ChildNode, wanted: ChildNode): void {
  if (live.nodeType !== Node.ELEMENT_NODE) {
    if (live.nodeValue !== wanted.nodeValue) {
      live.nodeValue = wanted.nodeValue;
    }
    return;
  }
  const element = live as Element;
  const model = wanted as Element;
  syncAttributes(element, model);
  morphChildren(element, model);
  syncFormState(element, model);
}

function syncAttributes(live: Element, wanted: Element): void {
  for (const attribute of Array.from(live.attributes)) {
    if (!wanted.hasAttributeNS(attribute.namespaceURI, attribute.localName)) {
      live.removeAttributeNS(attribute.namespaceURI, attribute.localName);
    }
  }
  for (const attribute of Array.from(wanted.attributes)) {
    if (live.getAttributeNS(attribute.namespaceURI, attribute.localName) !== attribute.value) {
      live.setAttributeNS(attribute.namespaceURI, attribute.name, attribute.value);
    }
  }
}

// What the user typed or ticked is state, not an attribute: a fresh element would show the server's value, so the
// kept one is set to it (the view's own refresh then shows what the server holds, as replacing did).
function syncFormState(live: Element, wanted: Element): void {
  switch (live.localName) {
    case 'input': {
      const input = live as HTMLInputElement;
      const model = wanted as HTMLInputElement;
      if (input.type !== 'file' && input.value !== model.value) {
        input.value = model.value;
      }
      if (input.checked !== model.defaultChecked) {
        input.checked = model.defaultChecked;
      }
      return;
    }
    case 'textarea': {
      const textarea = live as HTMLTextAreaElement;
      const value = (wanted as HTMLTextAreaElement).defaultValue;
      if (textarea.value !== value) {
        textarea.value = value;
      }
      return;
    }
    case 'select': {
      // As a fresh select shows it: the options marked selected, or the first one of a single select.
      const select = live as HTMLSelectElement;
      let marked = false;
      for (const option of Array.from(select.options)) {
        const selected = option.hasAttribute('selected');
        marked ||= selected;
        if (option.selected !== selected) {
          option.selected = selected;
        }
      }
      if (!marked && !select.multiple) {
        select.selectedIndex = select.options.length > 0 ? 0 : -1;
      }
      return;
    }
  }
}
