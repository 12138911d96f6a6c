import { ProtocolConstants } from './protocol';

// The browser's side of Blazor's InputFile component (Microsoft.AspNetCore.Components.Forms.InputFile), from its
// documented contract: after its first render the component calls `Blazor._internal.InputFile.init(callbacks, input)`;
// when the user picks files the browser calls the callbacks' `NotifyChange(files)` with what .NET's `IBrowserFile`
// shows (id, name, size, content type, last modified); `OpenReadStream` then calls `readFileData(input, id)`, whose
// result the server reads as a stream reference (streams.ts). Resizing images (`toImageFile`) is not offered.

/** The .NET object InputFile gives `init` (a `DotNetObjectReference` as JavaScript sees it). */
export interface InputFileCallbacks {
  invokeMethodAsync(method: string, ...args: unknown[]): Promise<unknown>;
}

/** One picked file as .NET's BrowserFile reads it. */
export interface BrowserFileInfo {
  id: number;
  lastModified: string;
  name: string;
  size: number;
  contentType: string;
}

interface InputState {
  callbacks: InputFileCallbacks;
  nextId: number;
  files: Map<number, File>;
}

/** The `Blazor._internal.InputFile` functions, for the inputs of one document. */
export class InputFileRegistry {
  // By the input's data-rf reference, not by element: a refresh (a rebuilt view, a client that fell behind) replaces the
  // view's DOM, and the new input is the same InputFile, which does not call init again; a view rebuilt on another node
  // calls init again with new callbacks (the old ones name an object of a node that is gone). So the document listens,
  // once, and the newest init of a reference wins.
  private readonly inputs = new Map<string, InputState>();

  constructor(doc: Document) {
    // Clearing the value on click lets the user pick the same file again and still get a change.
    doc.addEventListener('click', (event) => {
      const input = this.inputOf(event.target);
      if (input) {
        input.element.value = '';
      }
    }, true);
    doc.addEventListener('change', (event) => {
      const input = this.inputOf(event.target);
      if (input) {
        this.changed(input.element, input.state);
      }
    }, true);
  }

  init(callbacks: InputFileCallbacks, input: HTMLInputElement | null): void {
    const reference = input?.getAttribute(ProtocolConstants.TargetAttribute);
    if (!reference) {
      throw new Error('InputFile.init needs the input element.');
    }
    const known = this.inputs.get(reference);
    if (known) {
      known.callbacks = callbacks;
    } else {
      this.inputs.set(reference, { callbacks, nextId: 0, files: new Map() });
    }
  }

  readFileData(input: HTMLInputElement | null, fileId: number): Blob {
    const reference = input?.getAttribute(ProtocolConstants.TargetAttribute);
    const file = reference ? this.inputs.get(reference)?.files.get(fileId) : undefined;
    if (!file) {
      throw new Error(`The input has no file ${fileId} (the user picked other files since).`);
    }
    return file;
  }

  toImageFile(): never {
    throw new Error('Resizing images in the browser (RequestImageFileAsync) is not supported by RazorFaces.');
  }

  private inputOf(target: EventTarget | null): { element: HTMLInputElement; state: InputState } | null {
    const element = target as HTMLInputElement | null;
    if (!element || element.tagName !== 'INPUT' || element.type !== 'file') {
      return null;
    }
    const state = this.inputs.get(element.getAttribute(ProtocolConstants.TargetAttribute) ?? '');
    return state ? { element, state } : null;
  }

  private changed(input: HTMLInputElement, state: InputState): void {
    state.files.clear();
    const list: BrowserFileInfo[] = Array.from(input.files ?? []).map((file) => {
      const id = ++state.nextId;
      state.files.set(id, file);
      return {
        id,
        lastModified: new Date(file.lastModified).toISOString(),
        name: file.name,
        size: file.size,
        contentType: file.type,
      };
    });
    void state.callbacks.invokeMethodAsync('NotifyChange', list).catch(() => {
      // The .NET side logs its own failures; a view gone meanwhile is rebuilt and calls init again.
    });
  }
}

/** Puts `Blazor._internal.InputFile` where Blazor's InputFile component calls it. */
export function installInputFile(win: Window): InputFileRegistry {
  const registry = new InputFileRegistry(win.document);
  const globals = win as unknown as Record<string, unknown>;
  const blazor = (globals.Blazor ??= {}) as Record<string, unknown>;
  const internal = (blazor._internal ??= {}) as Record<string, unknown>;
  internal.InputFile = {
    init: (callbacks: InputFileCallbacks, input: HTMLInputElement | null) => registry.init(callbacks, input),
    readFileData: (input: HTMLInputElement | null, fileId: number) => registry.readFileData(input, fileId),
    toImageFile: () => registry.toImageFile(),
  };
  return registry;
}
