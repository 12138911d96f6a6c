import { afterEach, describe, expect, it } from 'vitest';
import { installInputFile, InputFileRegistry, type BrowserFileInfo, type InputFileCallbacks } from '../src/inputFile';

afterEach(() => {
  document.body.innerHTML = '';
  delete (window as unknown as Record<string, unknown>).Blazor;
});

class Callbacks implements InputFileCallbacks {
  readonly calls: { method: string; files: BrowserFileInfo[] }[] = [];
  invokeMethodAsync(method: string, ...args: unknown[]): Promise<unknown> {
    this.calls.push({ method, files: args[0] as BrowserFileInfo[] });
    return Promise.resolve(null);
  }
}

function input(reference = 'root/0#0|1#0'): HTMLInputElement {
  document.body.insertAdjacentHTML('beforeend', `<input type="file" multiple data-rf="${reference}">`);
  return document.body.lastElementChild as HTMLInputElement;
}

function pick(element: HTMLInputElement, files: File[]): void {
  Object.defineProperty(element, 'files', { value: files, configurable: true });
  element.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('InputFile', () => {
  it('tells .NET about picked files with what IBrowserFile shows, numbered from 1', () => {
    const registry = new InputFileRegistry(document);
    const element = input();
    const callbacks = new Callbacks();
    registry.init(callbacks, element);

    pick(element, [new File(['abc'], 'a.txt', { type: 'text/plain', lastModified: Date.UTC(2026, 0, 2) }), new File(['12345'], 'b.bin')]);

    expect(callbacks.calls).toHaveLength(1);
    expect(callbacks.calls[0].method).toBe('NotifyChange');
    expect(callbacks.calls[0].files).toEqual([
      { id: 1, lastModified: '2026-01-02T00:00:00.000Z', name: 'a.txt', size: 3, contentType: 'text/plain' },
      { id: 2, lastModified: expect.any(String) as string, name: 'b.bin', size: 5, contentType: '' },
    ]);
  });

  it('hands out a picked file by its id, and refuses ids of an earlier pick', () => {
    const registry = new InputFileRegistry(document);
    const element = input();
    registry.init(new Callbacks(), element);
    const first = new File(['x'], 'first');
    pick(element, [first]);
    const second = new File(['yy'], 'second');
    pick(element, [second]);

    expect(registry.readFileData(element, 2)).toBe(second);
    expect(() => registry.readFileData(element, 1)).toThrow(/no file 1/);
  });

  it('keeps working on an input a refresh put in place of the old one', () => {
    const registry = new InputFileRegistry(document);
    const callbacks = new Callbacks();
    registry.init(callbacks, input());
    document.body.innerHTML = '';
    const replaced = input();

    pick(replaced, [new File(['z'], 'z')]);

    expect(callbacks.calls).toHaveLength(1);
    expect(registry.readFileData(replaced, 1).size).toBe(1);
  });

  it('sends to the newest callbacks after init runs again (a view rebuilt on another node), once per change', () => {
    const registry = new InputFileRegistry(document);
    const element = input();
    const old = new Callbacks();
    const rebuilt = new Callbacks();
    registry.init(old, element);
    registry.init(rebuilt, element);

    pick(element, [new File(['z'], 'z')]);

    expect(old.calls).toHaveLength(0);
    expect(rebuilt.calls).toHaveLength(1);
  });

  it('clears the value on click so the same file can be picked again', () => {
    const registry = new InputFileRegistry(document);
    const element = input();
    registry.init(new Callbacks(), element);
    let cleared = false;
    Object.defineProperty(element, 'value', { set: (v: string) => { cleared = v === ''; }, get: () => '', configurable: true });

    element.dispatchEvent(new MouseEvent('click', { bubbles: true }));

    expect(cleared).toBe(true);
  });

  it('leaves file inputs of no InputFile alone', () => {
    const registry = new InputFileRegistry(document);
    const callbacks = new Callbacks();
    registry.init(callbacks, input('root/0#0|1#0'));

    pick(input('root/0#0|2#0'), [new File(['z'], 'z')]);

    expect(callbacks.calls).toHaveLength(0);
  });

  it('is installed where Blazor\'s InputFile calls it, without image resizing', () => {
    installInputFile(window);
    const internal = ((window as unknown as { Blazor: { _internal: { InputFile: Record<string, (...a: unknown[]) => unknown> } } }).Blazor._internal.InputFile);

    expect(typeof internal.init).toBe('function');
    expect(typeof internal.readFileData).toBe('function');
    expect(() => internal.toImageFile()).toThrow(/not supported/);
  });
});
