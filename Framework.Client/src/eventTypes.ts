/**
 * Which events the client listens to and the arguments it sends for each: Blazor's `EventHandlers` (checked against
 * tests/fixtures/protocol/event-types.json, which the server writes from the `[EventHandler]` attributes) and the
 * custom events pages register with `Blazor.registerCustomEventType`.
 */

/** The .NET args type an event's arguments are read into. */
export type ArgsType = 'EventArgs' | 'ChangeEventArgs' | 'ClipboardEventArgs' | 'DragEventArgs' | 'ErrorEventArgs' |
  'FocusEventArgs' | 'KeyboardEventArgs' | 'MouseEventArgs' | 'PointerEventArgs' | 'ProgressEventArgs' |
  'TouchEventArgs' | 'WheelEventArgs';

function names(type: ArgsType, list: string): Array<[string, ArgsType]> {
  return list.split(' ').map((name) => [name, type]);
}

/** Blazor's standard events (name without `on`) and their args types. */
export const STANDARD_EVENTS: ReadonlyMap<string, ArgsType> = new Map([
  ...names('FocusEventArgs', 'focus blur focusin focusout'),
  ...names('MouseEventArgs', 'click dblclick contextmenu mousedown mouseup mousemove mouseover mouseout mouseenter mouseleave'),
  ...names('WheelEventArgs', 'wheel mousewheel'),
  ...names('DragEventArgs', 'drag dragend dragenter dragleave dragover dragstart drop'),
  ...names('KeyboardEventArgs', 'keydown keyup keypress'),
  ...names('ChangeEventArgs', 'change input'),
  ...names('ClipboardEventArgs', 'copy cut paste'),
  ...names('TouchEventArgs', 'touchcancel touchend touchmove touchstart touchenter touchleave'),
  ...names('PointerEventArgs', 'gotpointercapture lostpointercapture pointercancel pointerdown pointerenter ' +
    'pointerleave pointermove pointerout pointerover pointerup'),
  ...names('ProgressEventArgs', 'abort load loadend loadstart progress timeout'),
  ...names('ErrorEventArgs', 'error'),
  ...names('EventArgs', 'activate beforeactivate beforecopy beforecut beforedeactivate beforepaste cancel canplay ' +
    'canplaythrough close cuechange deactivate durationchange emptied ended fullscreenchange fullscreenerror ' +
    'invalid loadeddata loadedmetadata pause play playing pointerlockchange pointerlockerror ratechange ' +
    'readystatechange reset scroll seeked seeking select selectionchange selectstart stalled stop submit suspend ' +
    'timeupdate toggle volumechange waiting'),
]);

/** What `Blazor.registerCustomEventType` takes (Blazor's `EventTypeOptions`). */
export interface CustomEventTypeOptions {
  /** The DOM event that raises this one (default: the event's own name). */
  browserEventName?: string;
  /** Builds the arguments sent to the server (default: none). */
  createEventArgs?: (event: Event) => unknown;
}

const customTypes = new Map<string, CustomEventTypeOptions>();
// DOM event name → the custom event names it raises besides its own.
const aliases = new Map<string, string[]>();
const listeners = new Set<(browserEventName: string) => void>();

/** `Blazor.registerCustomEventType`: events named in `data-rf-on` that the browser raises under another name or not at all. */
export function registerCustomEventType(eventName: string, options: CustomEventTypeOptions): void {
  if (!options) {
    throw new Error('The options parameter is required.');
  }
  if (STANDARD_EVENTS.has(eventName) || customTypes.has(eventName)) {
    throw new Error(`The event '${eventName}' is already registered.`);
  }
  customTypes.set(eventName, options);
  const browserEventName = options.browserEventName ?? eventName;
  if (browserEventName !== eventName) {
    aliases.set(browserEventName, [...(aliases.get(browserEventName) ?? []), eventName]);
  }
  for (const listener of listeners) {
    listener(browserEventName);
  }
}

/** Every DOM event name the client must listen to now. */
export function browserEventNames(): string[] {
  const all = new Set(STANDARD_EVENTS.keys());
  for (const [name, options] of customTypes) {
    all.add(options.browserEventName ?? name);
  }
  return Array.from(all);
}

/** Calls back with the DOM event name of each custom event registered from now on; returns the unsubscribe. */
export function onCustomEventType(listener: (browserEventName: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The event names (as in `data-rf-on`) a DOM event raises: its own and those of custom events aliasing it. */
export function raisedNames(browserEventName: string): readonly string[] {
  const custom = aliases.get(browserEventName);
  return custom ? [browserEventName, ...custom] : [browserEventName];
}

/** The arguments of `name` (a standard or custom event) raised by `event`, as the server's args type reads them. */
export function argsFor(name: string, event: Event, target: Element | null): object {
  const custom = customTypes.get(name);
  if (custom) {
    return (custom.createEventArgs?.(event) as object | undefined) ?? {};
  }
  return standardArgs(STANDARD_EVENTS.get(name) ?? 'EventArgs', event, target);
}

/** The fields of args type `type` (docs/protocol.md lists them). */
export function standardArgs(type: ArgsType, event: Event, target: Element | null): object {
  switch (type) {
    case 'ChangeEventArgs':
      return { value: elementValue(target) };
    case 'FocusEventArgs':
    case 'ClipboardEventArgs':
      return { type: event.type };
    case 'MouseEventArgs':
      return mouseArgs(event as MouseEvent);
    case 'WheelEventArgs': {
      const e = event as WheelEvent;
      return { ...mouseArgs(e), deltaX: num(e.deltaX), deltaY: num(e.deltaY), deltaZ: num(e.deltaZ), deltaMode: int(e.deltaMode) };
    }
    case 'PointerEventArgs': {
      const e = event as PointerEvent;
      return {
        ...mouseArgs(e), pointerId: int(e.pointerId), width: num(e.width), height: num(e.height),
        pressure: num(e.pressure), tiltX: num(e.tiltX), tiltY: num(e.tiltY), pointerType: e.pointerType ?? '',
        isPrimary: !!e.isPrimary,
      };
    }
    case 'DragEventArgs':
      return { ...mouseArgs(event as MouseEvent), dataTransfer: dataTransfer((event as DragEvent).dataTransfer) };
    case 'TouchEventArgs': {
      const e = event as TouchEvent;
      return {
        detail: int(e.detail), touches: touchPoints(e.touches), targetTouches: touchPoints(e.targetTouches),
        changedTouches: touchPoints(e.changedTouches), ...modifiers(e), type: e.type,
      };
    }
    case 'KeyboardEventArgs': {
      const e = event as KeyboardEvent;
      return {
        key: e.key ?? '', code: e.code ?? '', location: num(e.location), repeat: !!e.repeat,
        isComposing: !!e.isComposing, ...modifiers(e), type: e.type,
      };
    }
    case 'ProgressEventArgs': {
      const e = event as ProgressEvent;
      return { lengthComputable: !!e.lengthComputable, loaded: int(e.loaded), total: int(e.total), type: e.type };
    }
    case 'ErrorEventArgs': {
      // An image's or script's error is a plain Event: only a script error (ErrorEvent) has the fields.
      const e = event as ErrorEvent;
      return {
        message: str(e.message), filename: str(e.filename), lineno: int(e.lineno), colno: int(e.colno), type: e.type,
      };
    }
    default:
      return {};
  }
}

function mouseArgs(e: MouseEvent): object {
  return {
    detail: int(e.detail), screenX: num(e.screenX), screenY: num(e.screenY), clientX: num(e.clientX),
    clientY: num(e.clientY), offsetX: num(e.offsetX), offsetY: num(e.offsetY), pageX: num(e.pageX),
    pageY: num(e.pageY), movementX: num(e.movementX), movementY: num(e.movementY), button: int(e.button),
    buttons: int(e.buttons), ...modifiers(e), type: e.type,
  };
}

function modifiers(e: { ctrlKey?: boolean; shiftKey?: boolean; altKey?: boolean; metaKey?: boolean }): object {
  return { ctrlKey: !!e.ctrlKey, shiftKey: !!e.shiftKey, altKey: !!e.altKey, metaKey: !!e.metaKey };
}

// Blazor's DataTransfer: file contents never travel, only their names (an InputFile reads files).
function dataTransfer(data: DataTransfer | null | undefined): object | null {
  if (!data) {
    return null;
  }
  return {
    dropEffect: data.dropEffect ?? '',
    effectAllowed: data.effectAllowed ?? '',
    files: Array.from(data.files ?? []).map((file) => file.name),
    items: Array.from(data.items ?? []).map((item) => ({ kind: item.kind, type: item.type })),
    types: Array.from(data.types ?? []),
  };
}

function touchPoints(list: TouchList | null | undefined): object[] {
  return Array.from(list ?? []).map((t) => ({
    identifier: int(t.identifier), screenX: num(t.screenX), screenY: num(t.screenY), clientX: num(t.clientX),
    clientY: num(t.clientY), pageX: num(t.pageX), pageY: num(t.pageY),
  }));
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

// The server reads these into whole-number fields (long, int): a fraction would be refused.
function int(value: unknown): number {
  return Math.trunc(num(value));
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
