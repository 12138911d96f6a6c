import { JSNames, type DotNetResultMessage, type JSCallMessage, type JSMessage } from './protocol';
import { DotNetStream, sendStream, toBlob, type DotNetStreamTicket, type StreamSenderOptions } from './streams';

/** Where the browser's side of interop sends what it has to tell the server (the view: one message at a time, in order). */
export interface InteropSink {
  /** A `js` call finished: `result` is the JSON of its value, or of the error's text when `ok` is false. */
  jsDone(call: number, ok: boolean, result: string, bytes?: string[]): void;
  /** JavaScript calls .NET; `call` is absent when no result is wanted. */
  dotNet(message: { call?: number; assembly?: string; method: string; object?: number; args: string; bytes?: string[] }): void;
}

/** Loads a JavaScript module (a test replaces the browser's `import()`). */
export type ModuleImporter = (url: string) => Promise<unknown>;

type Reviver = (key: string, value: unknown) => unknown;

// What travels beside a message's JSON: its byte arrays and its .NET streams, and the view it belongs to.
interface Sidecar {
  view: string;
  bytes?: Record<string, string>;
  streams?: Record<string, DotNetStreamTicket>;
}

// The marks Microsoft.JSInterop writes and reads in JSON.
const JS_OBJECT_KEY = '__jsObjectId';
const STREAM_LENGTH_KEY = '__jsStreamReferenceLength';
const DOTNET_OBJECT_KEY = '__dotNetObject';
const ELEMENT_KEY = '__internalId';
const BYTES_KEY = '__byte[]';
const DOTNET_STREAM_KEY = '__dotNetStream';
const WINDOW_ID = 0;

/** A .NET object JavaScript got from the server (`DotNetObjectReference`), as Blazor's JS sees it. */
export class DotNetObject {
  constructor(private readonly interop: Interop, readonly id: number) {}

  invokeMethodAsync<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.interop.invokeDotNet<T>(undefined, method, this.id, args);
  }

  invokeMethod(): never {
    throw new Error('Synchronous calls into .NET are not possible: .NET runs on the server. Use invokeMethodAsync.');
  }

  dispose(): void {
    this.interop.releaseDotNetObject(this.id);
  }

  /** Passed back to .NET, it is the reference again. */
  toJSON(): object {
    return { [DOTNET_OBJECT_KEY]: this.id };
  }
}

/**
 * The browser's side of JavaScript interop (docs/protocol.md, "JavaScript interop"): runs the server's `js` calls and
 * answers them, keeps the JavaScript objects the server holds references to, and sends JavaScript's calls into .NET.
 */
export class Interop {
  private readonly objects = new Map<number, unknown>();
  private readonly dotNetObjects = new Map<number, DotNetObject>();
  private readonly calls = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly revivers: Reviver[] = [];
  private nextObjectId = 1;
  private nextCallId = 1;
  /** How .NET streams are fetched (a test replaces the browser's `fetch`). */
  fetch: typeof fetch = (input, init) => fetch(input, init);

  constructor(
    private readonly root: Element,
    private readonly sink: InteropSink,
    private readonly importer: ModuleImporter = (url) => import(url),
  ) {
    this.objects.set(WINDOW_ID, root.ownerDocument.defaultView);
  }

  /** A `js` message whose view number the page has reached. */
  receive(message: JSMessage): void {
    if ('done' in message) {
      this.finish(message);
    } else {
      void this.call(message);
    }
  }

  invokeDotNet<T>(assembly: string | undefined, method: string, objectId: number, args: unknown[]): Promise<T> {
    const call = this.nextCallId++;
    const result = new Promise<T>((resolve, reject) => this.calls.set(call, { resolve: resolve as (value: unknown) => void, reject }));
    const { json, bytes } = toJson(args);
    this.sink.dotNet({ call, assembly, method, object: objectId || undefined, args: json, ...(bytes.length > 0 ? { bytes } : {}) });
    return result;
  }

  releaseDotNetObject(id: number): void {
    this.dotNetObjects.delete(id);
    this.sink.dotNet({ method: '__Dispose', object: id, args: '[]' });
  }

  createJSObjectReference(value: unknown): object {
    if (value === null || value === undefined || (typeof value !== 'object' && typeof value !== 'function')) {
      throw new Error(`Cannot create a JavaScript object reference from '${String(value)}'.`);
    }
    const id = this.nextObjectId++;
    this.objects.set(id, value);
    return { [JS_OBJECT_KEY]: id };
  }

  disposeJSObjectReferenceById(id: number): void {
    if (id !== WINDOW_ID) {
      this.objects.delete(id);
    }
  }

  attachReviver(reviver: Reviver): void {
    this.revivers.push(reviver);
  }

  private finish(message: DotNetResultMessage): void {
    const call = this.calls.get(Number(message.done));
    if (!call) {
      return;
    }
    this.calls.delete(Number(message.done));
    if (message.ok) {
      call.resolve(this.revive(message.result ?? null, message));
    } else {
      call.reject(new Error(message.error ?? 'The .NET call failed.'));
    }
  }

  private async call(message: JSCallMessage): Promise<void> {
    let ok = true;
    let result: string;
    let bytes: string[] = [];
    try {
      ({ json: result, bytes } = this.serialize(await this.run(message), message.result));
    } catch (error) {
      ok = false;
      result = JSON.stringify(error instanceof Error ? `${error.message}\n${error.stack ?? ''}`.trim() : String(error));
    }
    if (bytes.length > 0) {
      this.sink.jsDone(message.id, ok, result, bytes);
    } else {
      this.sink.jsDone(message.id, ok, result);
    }
  }

  private run(message: JSCallMessage): unknown {
    const args = this.revive(message.args, message) as unknown[];
    if (!this.objects.has(message.target)) {
      throw new Error(`There is no JavaScript object with id ${message.target} (it was disposed, or the page was reloaded).`);
    }
    const target = this.objects.get(message.target);
    if (message.fn === 'import' && message.target === WINDOW_ID && message.call === JSNames.FunctionCall) {
      // Module addresses are relative to the page's base, as Blazor resolves them.
      return this.importer(new URL(String(args[0]), this.root.ownerDocument.baseURI).href);
    }
    const { owner, name } = member(target, message.fn);
    switch (message.call) {
      case JSNames.GetValue:
        return owner[name];
      case JSNames.SetValue:
        owner[name] = args[0];
        return undefined;
      case JSNames.ConstructorCall: {
        const type = owner[name];
        if (typeof type !== 'function') {
          throw new Error(`'${message.fn}' is not a constructor.`);
        }
        return new (type as new (...a: unknown[]) => unknown)(...args);
      }
      default: {
        const fn = owner[name];
        if (typeof fn !== 'function') {
          throw new Error(`'${message.fn}' is not a function.`);
        }
        return (fn as (...a: unknown[]) => unknown).apply(owner, args);
      }
    }
  }

  private serialize(value: unknown, kind: string): { json: string; bytes: string[] } {
    switch (kind) {
      case JSNames.VoidResult:
        return { json: 'null', bytes: [] };
      case JSNames.ObjectResult:
        return { json: JSON.stringify(this.createJSObjectReference(value)), bytes: [] };
      case JSNames.StreamResult: {
        // The bytes stay here until the server reads them (sendJSDataStream) or lets the reference go.
        const blob = toBlob(value);
        return { json: JSON.stringify({ ...this.createJSObjectReference(blob), [STREAM_LENGTH_KEY]: blob.size }), bytes: [] };
      }
      default:
        return toJson(value === undefined ? null : value);
    }
  }

  // The arguments as Microsoft.JSInterop marked them: .NET objects, JavaScript objects, elements.
  private revive(value: unknown, sidecar: Sidecar): unknown {
    if (Array.isArray(value)) {
      return value.map((item) => this.revive(item, sidecar));
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    const record = value as Record<string, unknown>;
    if (typeof record[DOTNET_OBJECT_KEY] === 'number') {
      const id = record[DOTNET_OBJECT_KEY] as number;
      let object = this.dotNetObjects.get(id);
      if (!object) {
        object = new DotNetObject(this, id);
        this.dotNetObjects.set(id, object);
      }
      return object;
    }
    if (typeof record[JS_OBJECT_KEY] === 'number') {
      return this.objects.get(record[JS_OBJECT_KEY] as number);
    }
    if (typeof record[ELEMENT_KEY] === 'string') {
      return this.element(record[ELEMENT_KEY] as string);
    }
    if (typeof record[BYTES_KEY] === 'number') {
      const data = sidecar.bytes?.[String(record[BYTES_KEY])];
      if (data === undefined) {
        throw new Error(`The call names byte array ${String(record[BYTES_KEY])}, which it does not carry.`);
      }
      return fromBase64(data);
    }
    if (typeof record[DOTNET_STREAM_KEY] === 'number') {
      const ticket = sidecar.streams?.[String(record[DOTNET_STREAM_KEY])];
      if (ticket === undefined) {
        throw new Error(`The call names .NET stream ${String(record[DOTNET_STREAM_KEY])}, which it does not carry.`);
      }
      return new DotNetStream(ticket, sidecar.view, this.fetch);
    }
    const revived: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) {
      revived[key] = this.revive(item, sidecar);
    }
    return this.revivers.reduce<unknown>((current, reviver) => reviver('', current), revived);
  }

  // The renderer writes an @ref element's reference in data-rf, the same in every process.
  private element(reference: string): Element | null {
    for (const element of Array.from(this.root.querySelectorAll('[data-rf]'))) {
      if (element.getAttribute('data-rf') === reference) {
        return element;
      }
    }
    return null;
  }
}

/** JSON for .NET: a Uint8Array becomes `{"__byte[]": i}`, its bytes the i-th of `bytes` (base64). */
function toJson(value: unknown): { json: string; bytes: string[] } {
  const bytes: string[] = [];
  const json = JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Uint8Array) {
      bytes.push(toBase64(item));
      return { [BYTES_KEY]: bytes.length - 1 };
    }
    return item;
  });
  return { json: json ?? 'null', bytes };
}

function toBase64(data: Uint8Array): string {
  let text = '';
  for (let i = 0; i < data.length; i += 0x8000) {
    text += String.fromCharCode(...data.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

function fromBase64(data: string): Uint8Array {
  const text = atob(data);
  const result = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    result[i] = text.charCodeAt(i);
  }
  return result;
}

function member(target: unknown, identifier: string): { owner: Record<string, unknown>; name: string } {
  const parts = identifier.split('.');
  let owner = target as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) {
    const next = owner?.[part];
    if (next === null || next === undefined) {
      throw new Error(`Could not find '${identifier}' ('${part}' was undefined).`);
    }
    owner = next as Record<string, unknown>;
  }
  return { owner, name: parts[parts.length - 1] };
}

/**
 * What JavaScript written for Blazor expects to find: a global `DotNet`, and the `Blazor._internal` functions the
 * framework's own components call (`FocusAsync`, `FocusOnNavigate`).
 */
export function installGlobals(win: Window, interop: Interop, streams?: StreamSenderOptions): void {
  const globals = win as unknown as Record<string, unknown>;
  globals.DotNet = {
    invokeMethodAsync: (assembly: string, method: string, ...args: unknown[]) => interop.invokeDotNet(assembly, method, 0, args),
    invokeMethod: () => {
      throw new Error('Synchronous calls into .NET are not possible: .NET runs on the server. Use invokeMethodAsync.');
    },
    createJSObjectReference: (value: unknown) => interop.createJSObjectReference(value),
    disposeJSObjectReference: (reference: Record<string, unknown> | null) => {
      if (reference && typeof reference[JS_OBJECT_KEY] === 'number') {
        interop.disposeJSObjectReferenceById(reference[JS_OBJECT_KEY] as number);
      }
    },
    disposeJSObjectReferenceById: (id: number) => interop.disposeJSObjectReferenceById(id),
    attachReviver: (reviver: Reviver) => interop.attachReviver(reviver),
  };
  const blazor = (globals.Blazor ??= {}) as Record<string, unknown>;
  const internal = (blazor._internal ??= {}) as Record<string, unknown>;
  // NavigationLock with ConfirmExternalNavigation: the browser asks before the page is left for another document.
  const prompts = new Set<string>();
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    event.preventDefault();
    event.returnValue = true;
  };
  internal.NavigationLock = {
    enableNavigationPrompt: (id: string) => {
      if (prompts.size === 0) {
        win.addEventListener('beforeunload', onBeforeUnload);
      }
      prompts.add(id);
    },
    disableNavigationPrompt: (id: string) => {
      prompts.delete(id);
      if (prompts.size === 0) {
        win.removeEventListener('beforeunload', onBeforeUnload);
      }
    },
  };
  // The server reads a stream reference: the bytes go to POST /_rf/stream in chunks while the call answers at once.
  internal.sendJSDataStream = (data: unknown, stream: string, secret: string, chunkBytes: number) => {
    const blob = toBlob(data);
    if (!streams) {
      throw new Error('This page cannot send streams.');
    }
    void sendStream(blob, stream, secret, chunkBytes, streams);
  };
  // For an app that renders Blazor's HeadOutlet itself: the server manages the title, so nothing is removed.
  internal.PageTitle = { getAndRemoveExistingTitle: () => win.document.title };
  internal.domWrapper = {
    focus: (element: HTMLElement | null, preventScroll?: boolean) => {
      if (!element || typeof element.focus !== 'function') {
        throw new Error('Unable to focus an invalid element.');
      }
      element.focus({ preventScroll: !!preventScroll });
    },
    focusBySelector: (selector: string) => {
      const element = win.document.querySelector(selector) as HTMLElement | null;
      if (!element) {
        return;
      }
      // A heading is not focusable by itself; FocusOnNavigate moves focus to it for screen readers.
      if (!element.hasAttribute('tabindex')) {
        element.tabIndex = -1;
      }
      element.focus({ preventScroll: true });
    },
  };
}
