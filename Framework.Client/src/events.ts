import { isRestoringFocus } from './focus';
import { argsFor, browserEventNames, onCustomEventType, raisedNames } from './eventTypes';
import { ProtocolConstants } from './protocol';

/** Where captured events go (the view). `element` is the one whose handler it is (it shows the event in flight). */
export interface EventSink {
  event(target: string, name: string, args: object, element?: Element): void;
  navigate(url: string): void;
}

/** `data-rf-debounce="ms"` on a field: its input events wait for a pause in typing (docs/protocol.md). */
export const DEBOUNCE_ATTRIBUTE = 'data-rf-debounce';

// The listeners of the view now listening (one view per page), for names declared later (listenFor).
let activeAdd: ((name: string) => void) | null = null;

const FOCUS_EVENTS = new Set(['focus', 'blur', 'focusin', 'focusout']);
// Events that end a field's editing: a field's held input goes out before them even when nothing handles them.
const FLUSHING = new Set(['change', 'blur', 'focusout', 'submit']);

/**
 * Installs the delegated listeners on the document; returns a function that removes them. A bubbling event is
 * handled when it reaches the document; one that does not bubble (focus, mouseenter, scroll, toggle, a `change`
 * a script dispatched without `bubbles`) is seen in the capture phase and goes to its target's handler only.
 */
export function listen(root: Element, sink: EventSink): () => void {
  const doc = root.ownerDocument;
  const win = doc.defaultView!;
  const held = new HeldInputs(sink);
  const onBubble = (event: Event) => {
    if (event.bubbles) {
      handle(root, sink, held, event);
    }
  };
  const onCapture = (event: Event) => {
    if (!event.bubbles) {
      handle(root, sink, held, event);
    }
  };
  const onPopState = () => {
    held.flush();
    sink.navigate(win.location.href);
  };
  const listening = new Set<string>();
  const add = (name: string) => {
    if (!listening.has(name)) {
      listening.add(name);
      doc.addEventListener(name, onBubble);
      doc.addEventListener(name, onCapture, true);
    }
  };
  activeAdd = add;
  browserEventNames().forEach(add);
  const unsubscribe = onCustomEventType(add);
  win.addEventListener('popstate', onPopState);
  return () => {
    if (activeAdd === add) {
      activeAdd = null;
    }
    unsubscribe();
    for (const name of listening) {
      doc.removeEventListener(name, onBubble);
      doc.removeEventListener(name, onCapture, true);
    }
    win.removeEventListener('popstate', onPopState);
    held.clear();
  };
}

function handle(root: Element, sink: EventSink, held: HeldInputs, event: Event): void {
  const browserName = event.type;
  if (FOCUS_EVENTS.has(browserName) && isRestoringFocus()) {
    return;
  }
  if (FLUSHING.has(browserName)) {
    held.flush();
  }
  const start = startElement(event.target);
  if (!start || !root.contains(start) || start === root) {
    return;
  }
  const names = raisedNames(browserName);
  const args = new Map<string, object>();
  let prevent = false;
  let stop = false;
  for (let el: Element | null = start; el && el !== root; el = el.parentElement) {
    const target = el.getAttribute(ProtocolConstants.TargetAttribute);
    for (const name of names) {
      if (hasToken(el, ProtocolConstants.PreventDefaultAttribute, name)) {
        prevent = true;
      }
      if (target !== null && hasToken(el, ProtocolConstants.EventsAttribute, name)) {
        // A submit with a server handler must never post the page itself.
        prevent ||= name === 'submit';
        if (!args.has(name)) {
          args.set(name, argsFor(name, event, start));
        }
        const debounceMs = name === 'input' ? Number(el.getAttribute(DEBOUNCE_ATTRIBUTE)) : 0;
        if (debounceMs > 0) {
          held.hold(el, target, name, args.get(name)!, debounceMs);
        } else {
          held.flush();
          sink.event(target, name, args.get(name)!, el);
        }
      }
      if (hasToken(el, ProtocolConstants.StopPropagationAttribute, name)) {
        stop = true;
      }
    }
    if (stop || !event.bubbles) {
      break;
    }
  }
  if (prevent) {
    event.preventDefault();
  }
  // Stopping in the capture phase would keep the event from its target's own listeners.
  if (stop && event.bubbles) {
    event.stopPropagation();
  }
  if (browserName === 'click') {
    held.flush();
    interceptLink(root, sink, event as MouseEvent, start);
  }
}

/**
 * Input events of fields with `data-rf-debounce`, held until the typing pauses: the latest value of each field
 * waits, and any other event the client sends first lets them go, so the server sees them in the order they
 * happened and never misses the last keystroke.
 */
class HeldInputs {
  private readonly held = new Map<Element, { target: string; name: string; args: object; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly sink: EventSink) {}

  hold(element: Element, target: string, name: string, args: object, ms: number): void {
    const previous = this.held.get(element);
    if (previous) {
      clearTimeout(previous.timer);
    }
    // A field already held keeps its place (a Map keeps the first insertion's order): the fields go in the order
    // their typing began.
    this.held.set(element, { target, name, args, timer: setTimeout(() => this.flush(element), ms) });
  }

  /** Sends the held inputs now: all, or those held before `until` and its own (its pause is over). */
  flush(until?: Element): void {
    for (const [element, entry] of Array.from(this.held)) {
      clearTimeout(entry.timer);
      this.held.delete(element);
      this.sink.event(entry.target, entry.name, entry.args, element);
      if (element === until) {
        return;
      }
    }
  }

  clear(): void {
    for (const entry of this.held.values()) {
      clearTimeout(entry.timer);
    }
    this.held.clear();
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

/**
 * Delegates one more event name: one a component declared with [EventHandler] (e.g. QuickGrid's
 * closecolumnoptions), seen in a rendered element's data-rf-on. A name already listened to is left alone.
 */
export function listenFor(name: string): void {
  activeAdd?.(name);
}
