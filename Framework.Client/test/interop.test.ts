import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installGlobals } from '../src/interop';
import type { DotNetMessage, JSCallMessage, JSDoneMessage, ServerMessage } from '../src/protocol';
import { StatusTracker } from '../src/status';
import { View } from '../src/view';
import { FakeTransport, flush, makeView, VIEW } from './fakes';

function call(id: number, fn: string, args: unknown[] = [], extra: Partial<JSCallMessage> = {}): JSCallMessage {
  return { t: 'js', view: VIEW, n: 1, id, fn, args, call: 'call', result: 'json', target: 0, ...extra };
}

async function answered(transport: FakeTransport): Promise<JSDoneMessage> {
  await flush();
  const sent = transport.sent[transport.sent.length - 1] as JSDoneMessage;
  expect(sent.t).toBe('jsdone');
  await transport.answer();
  return sent;
}

const globals = window as unknown as Record<string, unknown>;

afterEach(() => {
  delete globals.itDouble;
  delete globals.DotNet;
  delete globals.Blazor;
});

describe('JavaScript calls from the server', () => {
  it('run the function the identifier names and answer with its JSON result', async () => {
    const { view, transport } = makeView('<p>x</p>');
    globals.itDouble = { twice: (n: number) => n * 2 };

    view.receive([call(5, 'itDouble.twice', [21])]);
    const done = await answered(transport);

    expect(done).toMatchObject({ view: VIEW, n: 1, call: 5, ok: true, result: '42' });
  });

  it('wait for the view number they name: the element they need comes with that update', async () => {
    const { view, transport } = makeView('<p>x</p>');
    globals.itDouble = { twice: (n: number) => n * 2 };

    view.receive([call(1, 'itDouble.twice', [1], { n: 2 })]);
    await flush();
    expect(transport.sent).toEqual([]);
    view.receive([{ t: 'update', view: VIEW, n: 2, patches: [[1, [0, 0], 'y']] }]);

    expect((await answered(transport)).result).toBe('2');
  });

  it('answer an error with its text', async () => {
    const { view, transport } = makeView('<p>x</p>');

    view.receive([call(3, 'nowhere.toBeFound')]);
    const done = await answered(transport);

    expect(done.ok).toBe(false);
    expect(JSON.parse(done.result)).toContain("Could not find 'nowhere.toBeFound'");
  });

  it('keep an object the server asked a reference to, and call its methods by that reference', async () => {
    const { view, transport } = makeView('<p>x</p>');
    globals.itDouble = { make: () => ({ count: 2, inc(by: number) { return (this.count += by); } }) };

    view.receive([call(1, 'itDouble.make', [], { result: 'ref' })]);
    const reference = JSON.parse((await answered(transport)).result) as { __jsObjectId: number };
    view.receive([call(2, 'inc', [3], { target: reference.__jsObjectId })]);

    expect((await answered(transport)).result).toBe('5');
  });

  it('import modules relative to the page base', async () => {
    document.body.innerHTML = `<div id="rf-root" data-rf-view="${VIEW}" data-rf-n="1"></div>`;
    const root = document.getElementById('rf-root')!;
    const transport = new FakeTransport();
    const imported: string[] = [];
    const view = new View({
      root, viewId: VIEW, n: 1, transport, status: new StatusTracker(document, 'fake'),
      importer: async (url) => {
        imported.push(url);
        return { hello: () => 'hi' };
      },
    });

    view.receive([call(1, 'import', ['./_content/Demo/it.js'], { result: 'ref' })]);
    const reference = JSON.parse((await answered(transport)).result) as { __jsObjectId: number };
    view.receive([call(2, 'hello', [], { target: reference.__jsObjectId })]);

    expect(imported).toEqual([new URL('./_content/Demo/it.js', document.baseURI).href]);
    expect((await answered(transport)).result).toBe('"hi"');
  });
});

describe('byte arrays', () => {
  it('arrive as Uint8Array and go back to .NET beside the JSON', async () => {
    const { view, transport } = makeView('<p>x</p>');
    globals.itDouble = { reverse: (data: Uint8Array) => Uint8Array.from(data).reverse() };

    view.receive([call(1, 'itDouble.reverse', [{ '__byte[]': 4 }], { bytes: { 4: btoa('\x01\x02\xff') } })]);
    const done = await answered(transport);

    expect(done.result).toBe('{"__byte[]":0}');
    expect(done.bytes).toEqual([btoa('\xff\x02\x01')]);
  });

  it('in DotNet.invokeMethodAsync arguments travel the same way', async () => {
    const { view, transport } = makeView('<p>x</p>');
    installGlobals(window, view.interop);
    const dotNet = globals.DotNet as { invokeMethodAsync(a: string, m: string, ...args: unknown[]): Promise<unknown> };

    void dotNet.invokeMethodAsync('Demo.App', 'Sum', new Uint8Array([1, 2]), 'x');
    await flush();

    expect(transport.sent[0]).toMatchObject({ args: '[{"__byte[]":0},"x"]', bytes: [btoa('\x01\x02')] });
  });
});

describe('Blazor globals', () => {
  it('focus the element an ElementReference names by its data-rf reference', async () => {
    const { view, transport } = makeView('<input id="a" data-rf="root|1#0"><input id="b" data-rf="root|2#0">');
    installGlobals(window, view.interop);

    view.receive([call(1, 'Blazor._internal.domWrapper.focus', [{ __internalId: 'root|2#0' }, false])]);

    expect((await answered(transport)).ok).toBe(true);
    expect(document.activeElement?.id).toBe('b');
  });

  it('focusBySelector makes a heading focusable and focuses it', async () => {
    const { view, transport } = makeView('<h1 id="title">Hello</h1>');
    installGlobals(window, view.interop);

    view.receive([call(1, 'Blazor._internal.domWrapper.focusBySelector', ['h1'])]);

    expect((await answered(transport)).ok).toBe(true);
    expect(document.activeElement?.id).toBe('title');
    expect(document.getElementById('title')!.getAttribute('tabindex')).toBe('-1');
  });

  it('NavigationLock asks before the page is left while a prompt is enabled', async () => {
    const { view, transport } = makeView('<p>x</p>');
    installGlobals(window, view.interop);
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };

    view.receive([call(1, 'Blazor._internal.NavigationLock.enableNavigationPrompt', ['lock1'], { result: 'void' })]);
    await answered(transport);
    expect(leave()).toBe(true);
    view.receive([call(2, 'Blazor._internal.NavigationLock.disableNavigationPrompt', ['lock1'], { result: 'void' })]);
    await answered(transport);
    expect(leave()).toBe(false);
  });

  it('DotNet.invokeMethodAsync sends a dotnet message and resolves with its result', async () => {
    const { view, transport } = makeView('<p>x</p>');
    installGlobals(window, view.interop);
    const dotNet = globals.DotNet as { invokeMethodAsync(a: string, m: string, ...args: unknown[]): Promise<unknown> };

    const result = dotNet.invokeMethodAsync('Demo.App', 'Echo', 'hi');
    await flush();
    const sent = transport.sent[0] as DotNetMessage;
    expect(sent).toMatchObject({ t: 'dotnet', view: VIEW, n: 1, assembly: 'Demo.App', method: 'Echo', args: '["hi"]' });
    await transport.answer([{ t: 'js', view: VIEW, n: 1, done: String(sent.call), ok: true, result: 'hi!' } as ServerMessage]);

    await expect(result).resolves.toBe('hi!');
  });

  it('a DotNetObjectReference passed to JavaScript calls its own methods, and rejects when .NET failed', async () => {
    const { view, transport } = makeView('<p>x</p>');
    let target: { invokeMethodAsync(m: string, ...args: unknown[]): Promise<unknown> } | undefined;
    globals.itDouble = { register: (reference: typeof target) => { target = reference; } };

    view.receive([call(1, 'itDouble.register', [{ __dotNetObject: 4 }], { result: 'void' })]);
    await answered(transport);
    const bumped = target!.invokeMethodAsync('Bump', 2);
    await flush();
    const sent = transport.sent[transport.sent.length - 1] as DotNetMessage;
    await transport.answer([{ t: 'js', view: VIEW, n: 1, done: String(sent.call), ok: false, error: 'nope' } as ServerMessage]);

    expect(sent).toMatchObject({ t: 'dotnet', object: 4, method: 'Bump', args: '[2]' });
    expect(sent.assembly).toBeUndefined();
    await expect(bumped).rejects.toThrow('nope');
  });
});

describe('the interop fixture (tests/fixtures/protocol/interop.json)', () => {
  const fixture = JSON.parse(
    readFileSync(resolve(__dirname, '../../tests/fixtures/protocol/interop.json'), 'utf8'),
  ) as { server: ServerMessage[]; client: unknown[] };

  it('runs the server messages: calls are answered by id, results end the .NET calls', async () => {
    document.body.innerHTML = '<div id="rf-root" data-rf-view="v1" data-rf-n="2"><input id="field" data-rf="root|1#0"></div>';
    const transport = new FakeTransport();
    const view = new View({
      root: document.getElementById('rf-root')!, viewId: 'v1', n: 2, transport, status: new StatusTracker(document, 'fake'),
      importer: async () => ({ valueOf: (element: HTMLInputElement) => element.value }),
    });
    (window as unknown as Record<string, unknown>).lengthOf = async (stream: { arrayBuffer(): Promise<ArrayBuffer> }) =>
      (await stream.arrayBuffer()).byteLength;
    const fetched: { url: string; init?: RequestInit }[] = [];
    view.interop.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      fetched.push({ url: String(input), init });
      return new Response(new Uint8Array(5));
    }) as typeof fetch;
    view.start();
    installGlobals(window, view.interop);
    const first = view.interop.invokeDotNet<number>('Demo.App', 'Echo', 0, []);
    const second = view.interop.invokeDotNet<number>('Demo.App', 'Echo', 0, []);
    await flush();
    while (transport.pending.length > 0) {
      await transport.answer();
    }

    view.receive(fixture.server);
    for (let i = 0; i < 20 && transport.sent.filter((m) => m.t === 'jsdone').length < 4; i++) {
      await flush();
      while (transport.pending.length > 0) {
        await transport.answer();
      }
    }

    const answered = transport.sent.filter((m): m is JSDoneMessage => m.t === 'jsdone');
    expect(answered.map((m) => m.call).sort((a, b) => a - b)).toEqual([7, 8, 9, 10]);
    expect(answered.find((m) => m.call === 7)!.ok).toBe(true);
    // The .NET stream the call names is fetched where its message says, with its secret in a header.
    expect(answered.find((m) => m.call === 10)).toMatchObject({ ok: true, result: '5' });
    expect(new URL(fetched[0].url, 'http://x').searchParams.get('stream')).toBe('S1');
    expect((fetched[0].init!.headers as Record<string, string>)['X-RF-Token']).toBe('K1');
    delete (window as unknown as Record<string, unknown>).lengthOf;
    expect(document.activeElement?.id).toBe('field');
    await expect(first).resolves.toBe(42);
    await expect(second).rejects.toThrow('There was an exception.');
  });

  it('holds the client messages the view sends', async () => {
    const { view, transport } = makeView('<p>x</p>', 1, 'v1');

    view.jsDone(7, true, 'null');
    view.dotNet({ call: 1, method: 'Called', object: 2, args: '["JavaScript"]' });
    view.dotNet({ call: 2, assembly: 'Demo.App', method: 'Echo', args: '[1,"two"]' });
    view.jsDone(8, false, '"boom"');
    for (let i = 0; i < 4; i++) {
      await flush();
      await transport.answer();
    }

    expect(JSON.parse(JSON.stringify(transport.sent))).toEqual(fixture.client);
  });
});
