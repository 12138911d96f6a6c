import { readMarkup } from './markup';
import { PatchCode, type Patch, type Path } from './protocol';

/** A patch that does not fit the live DOM (the client lost track of the view and must resync). */
export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

/** Applies patches in order; each path is resolved against the DOM as the previous patches left it. */
export function applyPatches(root: Element, patches: readonly Patch[]): void {
  for (const patch of patches) {
    try {
      applyPatch(root, patch);
    } catch (error) {
      // The DOM itself refuses some misfits (e.g. inserting into a text node); they mean the same: resync.
      throw error instanceof PatchError ? error : new PatchError(String(error));
    }
  }
}

function applyPatch(root: Element, patch: Patch): void {
  if (!Array.isArray(patch)) {
    throw new PatchError(`Not a patch: ${JSON.stringify(patch)}`);
  }
  switch (patch[0]) {
    case PatchCode.SetText: {
      const node = resolve(root, patch[1]);
      if (node.nodeType !== Node.TEXT_NODE) {
        throw new PatchError(`SetText: [${patch[1].join(',')}] is not a text node.`);
      }
      (node as Text).data = str(patch[2]);
      return;
    }
    case PatchCode.SetAttribute:
      setAttribute(element(resolve(root, patch[1]), patch[1]), str(patch[2]), str(patch[3]));
      return;
    case PatchCode.RemoveAttribute:
      removeAttribute(element(resolve(root, patch[1]), patch[1]), str(patch[2]));
      return;
    case PatchCode.Insert: {
      const parent = element(resolve(root, patch[1]), patch[1]);
      const index = int(patch[2]);
      if (index > parent.childNodes.length) {
        throw new PatchError(`Insert: index ${index} beyond ${parent.childNodes.length} children.`);
      }
      selectMarkedOptions(parent.insertBefore(parse(parent, str(patch[3])), parent.childNodes[index] ?? null));
      return;
    }
    case PatchCode.Remove:
      owned(root, patch[1]).remove();
      return;
    case PatchCode.Move: {
      const parent = element(resolve(root, patch[1]), patch[1]);
      const from = int(patch[2]);
      const to = int(patch[3]);
      const count = parent.childNodes.length;
      if (from >= count || to >= count) {
        throw new PatchError(`Move: ${from} -> ${to} out of ${count} children.`);
      }
      const child = parent.childNodes[from]!;
      parent.removeChild(child);
      parent.insertBefore(child, parent.childNodes[to] ?? null);
      return;
    }
    case PatchCode.Replace: {
      const node = owned(root, patch[1]);
      const parent = node.parentNode!;
      const replacement = parse(parent, str(patch[2]));
      parent.replaceChild(replacement, node);
      selectMarkedOptions(replacement);
      return;
    }
    default:
      throw new PatchError(`Unknown patch code ${String((patch as unknown[])[0])}.`);
  }
}

/** The node at a path of child indexes below root. */
export function resolve(root: Node, path: Path): Node {
  if (!Array.isArray(path)) {
    throw new PatchError(`Not a path: ${JSON.stringify(path)}`);
  }
  let node: Node = root;
  for (const index of path) {
    const child: Node | undefined = node.childNodes[int(index)];
    if (!child) {
      throw new PatchError(`Path [${path.join(',')}] does not resolve.`);
    }
    node = child;
  }
  return node;
}

// Remove and Replace must not reach the root itself.
function owned(root: Node, path: Path): ChildNode {
  const node = resolve(root, path);
  if (node === root) {
    throw new PatchError('The view root cannot be removed or replaced.');
  }
  return node as ChildNode;
}

function element(node: Node, path: Path): Element {
  if (node.nodeType !== Node.ELEMENT_NODE) {
    throw new PatchError(`[${path.join(',')}] is not an element.`);
  }
  return node as Element;
}

function str(value: unknown): string {
  if (typeof value !== 'string') {
    throw new PatchError(`Expected a string, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function int(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new PatchError(`Expected a child index, got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** Builds the one node whose HTML the server wrote, exactly as written (src/markup.ts). */
export function parse(parent: Node, html: string): Node {
  const fragment = readMarkup(parent, html);
  if (fragment.childNodes.length !== 1) {
    throw new PatchError(`Expected the HTML of one node, got ${fragment.childNodes.length}.`);
  }
  return fragment.firstChild!;
}

// The server marks the option of a select's value `selected` (also one it inserts later, e.g. with its optgroup).
// The attribute alone selects an inserted option only if the engine runs the select's selectedness rules on
// insertion, and not once the user has picked another one: make it the select's choice outright.
export function selectMarkedOptions(node: Node): void {
  if (node.nodeType === Node.ELEMENT_NODE) {
    const el = node as unknown as Element;
    const options = el.localName === 'option' ? [el] : Array.from(el.getElementsByTagName('option'));
    for (const option of options) {
      if (option.hasAttribute('selected')) {
        (option as HTMLOptionElement).selected = true;
      }
    }
  }
}

function setAttribute(el: Element, name: string, value: string): void {
  const tag = el.localName;
  // The server's HTML writer renders a textarea's value as its content and a select's value as the selected
  // option, never as a `value` attribute; mirror that so the live DOM keeps matching the server's HTML.
  if (name === 'value' && tag === 'textarea') {
    const textarea = el as HTMLTextAreaElement;
    textarea.defaultValue = value;
    textarea.value = value;
    return;
  }
  if (name === 'value' && tag === 'select') {
    selectValue(el as HTMLSelectElement, value);
    return;
  }
  el.setAttribute(name, value);
  if (name === 'value' && tag === 'input') {
    (el as HTMLInputElement).value = value;
  } else if (name === 'checked' && tag === 'input') {
    (el as HTMLInputElement).checked = true;
  } else if (name === 'selected' && tag === 'option') {
    (el as HTMLOptionElement).selected = true;
  }
}

function removeAttribute(el: Element, name: string): void {
  const tag = el.localName;
  if (name === 'value' && tag === 'textarea') {
    const textarea = el as HTMLTextAreaElement;
    textarea.defaultValue = '';
    textarea.value = '';
    return;
  }
  if (name === 'value' && tag === 'select') {
    selectValue(el as HTMLSelectElement, null);
    return;
  }
  el.removeAttribute(name);
  if (name === 'value' && tag === 'input') {
    (el as HTMLInputElement).value = '';
  } else if (name === 'checked' && tag === 'input') {
    (el as HTMLInputElement).checked = false;
  } else if (name === 'selected' && tag === 'option') {
    (el as HTMLOptionElement).selected = false;
  }
}

// Like the server's model (Framework/Dom/SelectValue.cs): the first option with the value is selected, wherever it
// sits (inside an <optgroup> too), and no other option keeps a `selected` attribute.
function selectValue(select: HTMLSelectElement, value: string | null): void {
  let found = false;
  for (const option of Array.from(select.options)) {
    const matches: boolean = !found && value !== null && option.value === value;
    found ||= matches;
    if (matches) {
      option.setAttribute('selected', '');
    } else {
      option.removeAttribute('selected');
    }
    option.selected = matches;
  }
  if (value === null && !select.multiple) {
    select.selectedIndex = select.options.length > 0 ? 0 : -1;
  }
}
