import { isRestoringFocus } from './focus';
import { ProtocolConstants } from './protocol';

/** Where captured events go (the view). */
export interface EventSink {
  event(target: string, name: string, args: object): void;
  navigate(url: string): void;
}

const BUBBLING = ['click', 'dblclick', 'mousedown', 'mouseup', 'input', 'change', 'submit',
  'keydown', 'keyup', 'keypress'];
// focus and blur do not bubble, so a document listener only sees them in the capture phase.
const CAPTURED = ['focus', 'blur', 'focusin', 'focusout'];
const NOT_BUBBLING = new Set(['focus', 'blur']);

/** Installs the delegated listeners; returns a function that removes them. */
export function listen(root: Element, sink: EventSink): () => void {
  const doc = root.ownerDocument;
  const win = doc.defaultView!;
  const onEvent = (event: Event) => handle(root, sink, event);
  const onPopState = () => sink.navigate(win.location.href);
  for (const name of BUBBLING) {
    doc.addEventListener(name, onEvent);
  }
  for (const name of CAPTURED) {
    doc.addEventListener(name, onEvent, true);
  }
  win.addEventListener('popstate', onPopState);
  return () => {
    for (const name of BUBBLING) {
      doc.removeEventListener(name, onEvent);
    }
    for (const name of CAPTURED) {
      doc.removeEventListener(name, onEvent, true);
    }
    win.removeEventListener('popstate', onPopState);
  };
}

function handle(root: Element, sink: EventSink, event: Event): void {
  const name = event.type;
  if (CAPTURED.includes(name) && isRestoringFocus()) {
    return;
  }
  const start = startElement(event.target);
  if (!start || !root.contains(start) || start === root) {
    return;
  }
  let args: object | null = null;
  let prevent = false;
  let stop = false;
  for (let el: Element | null = start; el && el !== root; el = el.parentElement) {
    if (hasToken(el, ProtocolConstants.PreventDefaultAttribute, name)) {
      prevent = true;
    }
    const target = el.getAttribute(ProtocolConstants.TargetAttribute);
    if (target !== null && hasToken(el, ProtocolConstants.EventsAttribute, name)) {
      // A submit with a server handler must never post the page itself.
      prevent ||= name === 'submit';
      args ??= eventArgs(event);
      sink.event(target, name, args);
    }
    if (hasToken(el, ProtocolConstants.StopPropagationAttribute, name)) {
      stop = true;
      break;
    }
    if (NOT_BUBBLING.has(name)) {
      break;
    }
  }
  if (prevent) {
    event.preventDefault();
  }
  if (stop) {
    event.stopPropagation();
  }
  if (name === 'click') {
    interceptLink(root, sink, event as MouseEvent, start);
  }
}

function startElement(target: EventTarget | null): Element | null {
  const node = target as Node | null;
  if (!node || typeof node.nodeType !== 'number') {
    return null;
  }
  return node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
}

function hasToken(el: Element, attribute: string, name: string): boolean {
  const value = el.getAttribute(attribute);
  return value !== null && value.split(/\s+/).includes(name);
}

function interceptLink(root: Element, sink: EventSink, event: MouseEvent, start: Element): void {
  if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.shiftKey || event.altKey ||
    event.metaKey) {
    return;
  }
  const link = start.closest('a[href]');
  if (!link || !root.contains(link) || link.hasAttribute('download')) {
    return;
  }
  const target = link.getAttribute('target');
  if (target !== null && target !== '' && target !== '_self') {
    return;
  }
  const location = root.ownerDocument.defaultView!.location;
  let url: URL;
  try {
    url = new URL(link.getAttribute('href')!, root.ownerDocument.baseURI);
  } catch {
    return;
  }
  if (url.origin !== location.origin) {
    return;
  }
  // A jump to an anchor on this same page stays the browser's business.
  if (url.hash && url.href.split('#')[0] === location.href.split('#')[0]) {
    return;
  }
  event.preventDefault();
  sink.navigate(url.href);
}

/** The event's fields as docs/protocol.md lists them per event type. */
export function eventArgs(event: Event): object {
  const type = event.type;
  switch (type) {
    case 'click':
    case 'dblclick':
    case 'mousedown':
    case 'mouseup': {
      const e = event as MouseEvent;
      return {
        detail: num(e.detail), clientX: num(e.clientX), clientY: num(e.clientY),
        screenX: num(e.screenX), screenY: num(e.screenY), offsetX: num(e.offsetX), offsetY: num(e.offsetY),
        pageX: num(e.pageX), pageY: num(e.pageY), button: num(e.button), buttons: num(e.buttons),
        ctrlKey: !!e.ctrlKey, shiftKey: !!e.shiftKey, altKey: !!e.altKey, metaKey: !!e.metaKey, type,
      };
    }
    case 'input':
    case 'change':
      return { value: elementValue(startElement(event.target)) };
    case 'keydown':
    case 'keyup':
    case 'keypress': {
      const e = event as KeyboardEvent;
      return {
        key: e.key ?? '', code: e.code ?? '', location: num(e.location), repeat: !!e.repeat,
        ctrlKey: !!e.ctrlKey, shiftKey: !!e.shiftKey, altKey: !!e.altKey, metaKey: !!e.metaKey, type,
      };
    }
    default:
      return { type };
  }
}

function elementValue(el: Element | null): string | boolean | string[] {
  if (!el) {
    return '';
  }
  if (el.localName === 'input') {
    const input = el as HTMLInputElement;
    return input.type === 'checkbox' || input.type === 'radio' ? input.checked : input.value;
  }
  if (el.localName === 'select' && (el as HTMLSelectElement).multiple) {
    return Array.from((el as HTMLSelectElement).options).filter((o) => o.selected).map((o) => o.value);
  }
  if ('value' in el && typeof (el as HTMLTextAreaElement).value === 'string') {
    return (el as HTMLTextAreaElement).value;
  }
  return (el as HTMLElement).isContentEditable ? el.textContent ?? '' : '';
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Whether `listen` already delegates this event name. */
export function listensTo(name: string): boolean {
  return BUBBLING.includes(name) || CAPTURED.includes(name);
}

/** Delegates one more event name, one a component declared with [EventHandler] (e.g. QuickGrid's closecolumnoptions). */
export function listenFor(root: Element, sink: EventSink, name: string): void {
  root.ownerDocument.addEventListener(name, (event) => handle(root, sink, event));
}
