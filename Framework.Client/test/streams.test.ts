import { afterEach, describe, expect, it } from 'vitest';
import { installGlobals } from '../src/interop';
import type { DotNetMessage, JSCallMessage, JSDoneMessage, ServerMessage } from '../src/protocol';
import { DotNetStream, sendStream, toBlob } from '../src/streams';
import { FakeTransport, flush, makeView, VIEW } from './fakes';

const globals = window as unknown as Record<string, unknown>;

afterEach(() => {
  delete globals.DotNet;
  delete globals.Blazor;
  delete globals.itMakes;
});

interface Posted { url: string; headers: Record<string, string>; body: Uint8Array }

// A fetch that records each chunk and answers what `answer` says (204 by default).
function recordingFetch(answer: (index: number) => number | Error = () => 204): { fetch: typeof fetch; posted: Posted[] } {
  const posted: Posted[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const body = new Uint8Array(await (init!.body as Blob).arrayBuffer());
    posted.push({ url: String(input), headers: init!.headers as Record<string, string>, body });
    const status = answer(posted.length - 1);
    if (status instanceof Error) {
      throw status;
    }
    return new Response(null, { status });
  }) as typeof fetch;
  return { fetch: fetchFn, posted };
}

async function lastDone(transport: FakeTransport): Promise<JSDoneMessage> {
  await flush();
  const sent = transport.sent[transport.sent.length - 1] as JSDoneMessage;
  await transport.answer();
  return sent;
}

function bytes(length: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length }, (_, i) => i % 251);
}

describe('stream results', () => {
  it('keep a Blob in the browser and answer its object id and length as Blazor marks them', async () => {
    const { view, transport } = makeView('<p>x</p>');
    installGlobals(window, view.interop);
    globals.itMakes = { blob: () => new Blob([bytes(1000)]) };
    const message: JSCallMessage = { t: 'js', view: VIEW, n: 1, id: 1, fn: 'itMakes.blob', args: [], call: 'call', result: 'stream', target: 0 };

    view.receive([message]);
    const done = await lastDone(transport);

    expect(done.ok).toBe(true);
    const reference = JSON.parse(done.result) as Record<string, number>;
    expect(reference.__jsStreamReferenceLength).toBe(1000);
    expect(reference.__jsObjectId).toBeGreaterThan(0);
  });

  it('are made from buffers and typed arrays too, and nothing else', () => {
    expect(toBlob(new ArrayBuffer(3)).size).toBe(3);
    expect(toBlob(new Uint16Array(4)).size).toBe(8);
    expect(() => toBlob('text')).toThrow(/Blob, an ArrayBuffer or an ArrayBufferView/);
  });
});

describe('sending a stream', () => {
  it('posts the bytes in chunks of the size asked for, one at a time and in order, with the secret in a header', async () => {
    const { fetch, posted } = recordingFetch();
    const data = bytes(2500);

    await sendStream(new Blob([data]), 'S1', 'secret', 1000, { viewId: () => VIEW, fetch });

    expect(posted.map((p) => new URL(p.url, 'http://x').searchParams.get('offset'))).toEqual(['0', '1000', '2000']);
    expect(posted.map((p) => p.body.length)).toEqual([1000, 1000, 500]);
    expect(new Uint8Array(posted.flatMap((p) => Array.from(p.body)))).toEqual(data);
    const first = new URL(posted[0].url, 'http://x');
    expect(first.pathname).toBe('/_rf/stream');
    expect(first.searchParams.get('view')).toBe(VIEW);
    expect(first.searchParams.get('stream')).toBe('S1');
    expect(first.search).not.toContain('secret');
    expect(posted[0].headers['X-RF-Token']).toBe('secret');
    expect(posted[0].headers['Content-Type']).toBe('application/octet-stream');
  });

  it('stops at the first refused chunk and says why', async () => {
    const { fetch, posted } = recordingFetch((i) => (i === 1 ? 413 : 204));
    const failures: Error[] = [];

    await sendStream(new Blob([bytes(5000)]), 'S1', 'secret', 1000, { viewId: () => VIEW, fetch, failed: (e) => failures.push(e) });

    expect(posted).toHaveLength(2);
    expect(failures[0].message).toContain('413');
  });

  it('stops when the server cannot be reached (its node died): the rest is never sent', async () => {
    const { fetch, posted } = recordingFetch((i) => (i === 0 ? 204 : new TypeError('Failed to fetch')));
    const failures: Error[] = [];

    await sendStream(new Blob([bytes(5000)]), 'S1', 'secret', 1000, { viewId: () => VIEW, fetch, failed: (e) => failures.push(e) });

    expect(posted).toHaveLength(2);
    expect(failures).toHaveLength(1);
  });

  it('starts when the server calls sendJSDataStream on a kept stream, and answers the call at once', async () => {
    const { view, transport } = makeView('<p>x</p>');
    const { fetch, posted } = recordingFetch();
    installGlobals(window, view.interop, { viewId: () => view.viewId, fetch });
    globals.itMakes = { blob: () => new Blob([bytes(300)]) };
    view.receive([{ t: 'js', view: VIEW, n: 1, id: 1, fn: 'itMakes.blob', args: [], call: 'call', result: 'stream', target: 0 }]);
    const reference = JSON.parse((await lastDone(transport)).result) as Record<string, number>;

    view.receive([{ t: 'js', view: VIEW, n: 1, id: 2, fn: 'Blazor._internal.sendJSDataStream', args: [{ __jsObjectId: reference.__jsObjectId }, 'S9', 'secret', 128], call: 'call', result: 'void', target: 0 }]);
    const done = await lastDone(transport);
    await flush();
    await flush();

    expect(done).toMatchObject({ call: 2, ok: true });
    await expect.poll(() => posted.length).toBe(3);
    expect(posted.map((p) => p.body.length)).toEqual([128, 128, 44]);
  });
});

interface Fetched { url: string; init: RequestInit }

// A fetch that answers each GET of a .NET stream with `data` (or the status `answer` gives), and records it.
function streamFetch(data: Uint8Array, status = 200): { fetch: typeof fetch; fetched: Fetched[] } {
  const fetched: Fetched[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    fetched.push({ url: String(input), init: init! });
    return status === 200 ? new Response(new Blob([data as BlobPart]).stream(), { status }) : new Response('{"t":"error"}', { status });
  }) as typeof fetch;
  return { fetch: fetchFn, fetched };
}

describe('.NET streams (DotNetStreamReference)', () => {
  it('reach a JavaScript function as an object whose arrayBuffer() fetches the bytes with the secret in a header', async () => {
    const { view, transport } = makeView('<p>x</p>');
    const data = bytes(70_000);
    const { fetch, fetched } = streamFetch(data);
    view.interop.fetch = fetch;
    let received: DotNetStream | undefined;
    globals.itTakes = { stream: (value: { data: DotNetStream }) => (received = value.data) };
    const message: JSCallMessage = {
      t: 'js', view: VIEW, n: 1, id: 1, fn: 'itTakes.stream', args: [{ name: 'a', data: { __dotNetStream: 3 } }], call: 'call', result: 'void', target: 0,
      streams: { 3: { stream: 'S3', secret: 'secret-3' } },
    };

    view.receive([message]);
    expect((await lastDone(transport)).ok).toBe(true);
    const buffer = await received!.arrayBuffer();

    expect(new Uint8Array(buffer)).toEqual(data);
    expect(fetched).toHaveLength(1);
    const url = new URL(fetched[0].url, 'http://x');
    expect(url.pathname).toBe('/_rf/stream');
    expect(url.searchParams.get('view')).toBe(VIEW);
    expect(url.searchParams.get('stream')).toBe('S3');
    expect(url.search).not.toContain('secret');
    expect(fetched[0].init.method).toBe('GET');
    expect((fetched[0].init.headers as Record<string, string>)['X-RF-Token']).toBe('secret-3');
    delete globals.itTakes;
  });

  it('give a ReadableStream from stream(), fetched once however often it is asked for', async () => {
    const data = bytes(5000);
    const { fetch, fetched } = streamFetch(data);
    const stream = new DotNetStream({ stream: 'S1', secret: 's' }, VIEW, fetch);

    const [readable, again] = await Promise.all([stream.stream(), stream.stream()]);
    const chunks: number[] = [];
    const reader = readable.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      chunks.push(...part.value);
    }

    expect(again).toBe(readable);
    expect(new Uint8Array(chunks)).toEqual(data);
    expect(fetched).toHaveLength(1);
  });

  it('reject when the server refuses the stream (fetched already, timed out, its view gone)', async () => {
    const { fetch } = streamFetch(bytes(1), 404);
    const stream = new DotNetStream({ stream: 'S1', secret: 's' }, VIEW, fetch);

    await expect(stream.arrayBuffer()).rejects.toThrow(/404/);
  });

  it('come back from a [JSInvokable] method that returns one (DotNet.invokeMethodAsync)', async () => {
    const { view, transport } = makeView('<p>x</p>');
    const data = bytes(300);
    const { fetch, fetched } = streamFetch(data);
    view.interop.fetch = fetch;
    installGlobals(window, view.interop);
    const dotNet = globals.DotNet as { invokeMethodAsync(a: string, m: string, ...args: unknown[]): Promise<unknown> };

    const result = dotNet.invokeMethodAsync('Demo.App', 'Report');
    await flush();
    const sent = transport.sent[0] as DotNetMessage;
    await transport.answer([{ t: 'js', view: VIEW, n: 1, done: String(sent.call), ok: true, result: { __dotNetStream: 1 }, streams: { 1: { stream: 'R1', secret: 'r' } } } as ServerMessage]);
    const stream = (await result) as DotNetStream;

    expect(new Uint8Array(await stream.arrayBuffer())).toEqual(data);
    expect(new URL(fetched[0].url, 'http://x').searchParams.get('stream')).toBe('R1');
  });

  it('fail the call when the message does not say where to fetch the stream', async () => {
    const { view, transport } = makeView('<p>x</p>');
    globals.itTakes = { stream: () => undefined };

    view.receive([{ t: 'js', view: VIEW, n: 1, id: 1, fn: 'itTakes.stream', args: [{ __dotNetStream: 4 }], call: 'call', result: 'void', target: 0 }]);
    const done = await lastDone(transport);

    expect(done.ok).toBe(false);
    expect(done.result).toContain('.NET stream 4');
    delete globals.itTakes;
  });
});
