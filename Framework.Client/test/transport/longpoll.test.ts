import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '../../src/protocol';
import { StatusTracker } from '../../src/status';
import { LongPollTransport } from '../../src/transport/longpoll';
import { ServerError, type TransportHost } from '../../src/transport/transport';
import { flush, VIEW } from '../fakes';

type Answer = { status: number; body: unknown } | 'network';

/** A fetch with one queue of answers for /_rf/send and one for /_rf/poll; an empty queue never answers. */
function fakeFetch(send: Answer[], poll: Answer[] = []) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fn = vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = (url.startsWith('/_rf/poll') ? poll : send).shift();
    if (answer === undefined) {
      return new Promise<Response>(() => {});
    }
    if (answer === 'network') {
      throw new TypeError('Failed to fetch');
    }
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

function fakeHost(status: StatusTracker) {
  const received: ServerMessage[][] = [];
  const errors: ServerError[] = [];
  const host: TransportHost = {
    viewId: VIEW,
    currentN: () => 7,
    whenReady: () => Promise.resolve(),
    receive: (messages) => received.push(messages),
    connectionOk: () => status.succeeded(),
    connectionFailed: () => status.failed(),
    serverError: (error) => errors.push(error),
  };
  return { host, received, errors };
}

const html = () => document.documentElement.dataset.rfStatus;

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '';
  delete document.documentElement.dataset.rfStatus;
});

afterEach(() => vi.useRealTimers());

describe('long-poll transport', () => {
  it('posts a message with the token and returns the answer', async () => {
    const { fetch, calls } = fakeFetch([{ status: 200, body: [{ t: 'location', url: '/x' }] }]);
    const transport = new LongPollTransport({ token: 'T', fetch });
    const answer = await transport.send({ t: 'resync', view: VIEW, n: 3 });
    expect(answer).toEqual([{ t: 'location', url: '/x' }]);
    expect(calls[0]!.url).toBe('/_rf/send');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.credentials).toBe('same-origin');
    expect((calls[0]!.init.headers as Record<string, string>)['X-RF-Token']).toBe('T');
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ t: 'resync', view: VIEW, n: 3 });
  });

  it('sends the client version the page was served with on every request', async () => {
    const { fetch, calls } = fakeFetch([{ status: 200, body: [] }], [{ status: 200, body: [] }]);
    const transport = new LongPollTransport({ token: 'T', clientVersion: 'ABC123', fetch });
    await transport.send({ t: 'resync', view: VIEW, n: 3 });
    const { host } = fakeHost(new StatusTracker(document, 'longpoll'));
    transport.start(host);
    await flush();
    transport.stop();
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const call of calls) {
      expect((call.init.headers as Record<string, string>)['X-RF-Client']).toBe('ABC123');
    }
  });

  it('retries failures with growing delays and reports trouble, lost and the reconnect', async () => {
    const status = new StatusTracker(document, 'longpoll');
    const { fetch, calls } = fakeFetch(['network', { status: 503, body: {} }, 'network', { status: 200, body: [] }]);
    const transport = new LongPollTransport({ token: 'T', fetch, random: () => 1 });
    transport.start(fakeHost(status).host);
    const sends = () => calls.filter((c) => c.url === '/_rf/send').length;
    const sent = transport.send({ t: 'resync', view: VIEW, n: 1 });
    await flush();
    expect(html()).toBe('trouble');
    await vi.advanceTimersByTimeAsync(250);
    expect(sends()).toBe(2);
    expect(html()).toBe('trouble');
    await vi.advanceTimersByTimeAsync(499);
    expect(sends()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sends()).toBe(3);
    expect(html()).toBe('lost');
    await vi.advanceTimersByTimeAsync(1000);
    await expect(sent).resolves.toEqual([]);
    expect(html()).toBe('connected');
    expect(status.stats.reconnects).toBe(1);
    transport.stop();
  });

  it('caps the backoff at five seconds', async () => {
    const status = new StatusTracker(document, 'longpoll');
    const { fetch, calls } = fakeFetch(Array.from({ length: 12 }, (): Answer => 'network'));
    const transport = new LongPollTransport({ token: 'T', fetch, random: () => 1 });
    transport.start(fakeHost(status).host);
    const sends = () => calls.filter((c) => c.url === '/_rf/send').length;
    void transport.send({ t: 'resync', view: VIEW, n: 1 });
    await vi.advanceTimersByTimeAsync(250 + 500 + 1000 + 2000 + 4000);
    expect(sends()).toBe(6);
    await vi.advanceTimersByTimeAsync(4999);
    expect(sends()).toBe(6);
    await vi.advanceTimersByTimeAsync(1);
    expect(sends()).toBe(7);
    transport.stop();
  });

  it('retries store-unavailable answers at most a second apart, so a store failover is not waited out for seconds more', async () => {
    const status = new StatusTracker(document, 'longpoll');
    const unavailable: Answer = { status: 503, body: { t: 'error', code: 'store-unavailable', reason: 'Redis fails over' } };
    const { fetch, calls } = fakeFetch([...Array.from({ length: 6 }, () => unavailable), { status: 200, body: [] }]);
    const transport = new LongPollTransport({ token: 'T', fetch, random: () => 1 });
    transport.start(fakeHost(status).host);
    const sends = () => calls.filter((c) => c.url === '/_rf/send').length;
    const sent = transport.send({ t: 'resync', view: VIEW, n: 1 });
    await vi.advanceTimersByTimeAsync(250 + 500 + 1000 + 1000);
    expect(sends()).toBe(5);
    await vi.advanceTimersByTimeAsync(999);
    expect(sends()).toBe(5);
    await vi.advanceTimersByTimeAsync(1);
    expect(sends()).toBe(6);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(sent).resolves.toEqual([]);
    transport.stop();
  });

  it('retries a failed poll and goes back to connected when it succeeds', async () => {
    const status = new StatusTracker(document, 'longpoll');
    const { host, received } = fakeHost(status);
    const { fetch } = fakeFetch([], ['network', { status: 502, body: {} }, { status: 200, body: [] }]);
    const transport = new LongPollTransport({ token: 'T', fetch, random: () => 0 });
    transport.start(host);
    await flush();
    expect(html()).toBe('trouble');
    await vi.advanceTimersByTimeAsync(125 + 250);
    expect(html()).toBe('connected');
    expect(received).toEqual([[]]);
    transport.stop();
  });

  it('rejects a 4xx answer with its code and reason without retrying', async () => {
    const { fetch, calls } = fakeFetch([{ status: 409, body: { t: 'error', code: 'no-handler', reason: 'gone' } }]);
    const transport = new LongPollTransport({ token: 'T', fetch });
    await expect(transport.send({ t: 'resync', view: VIEW, n: 1 })).rejects.toMatchObject(
      { status: 409, code: 'no-handler', reason: 'gone' });
    expect(calls).toHaveLength(1);
  });

  it('polls with the current view number and polls again at once after each answer', async () => {
    const status = new StatusTracker(document, 'longpoll');
    const { host, received } = fakeHost(status);
    const { fetch, calls } = fakeFetch([], [
      { status: 200, body: [{ t: 'update', view: VIEW, n: 8, patches: [] }] },
      { status: 200, body: [] },
    ]);
    const transport = new LongPollTransport({ token: 'T', fetch });
    transport.start(host);
    await flush();
    await flush();
    expect(calls[0]!.url).toBe(`/_rf/poll?view=${VIEW}&n=7&url=${encodeURIComponent(window.location.href)}`);
    expect((calls[0]!.init.headers as Record<string, string>)['X-RF-Token']).toBe('T');
    expect(calls).toHaveLength(3);
    expect(received).toEqual([[{ t: 'update', view: VIEW, n: 8, patches: [] }], []]);
    transport.stop();
  });

  it('does not poll while the view waits for a refresh', async () => {
    const status = new StatusTracker(document, 'longpoll');
    const { host } = fakeHost(status);
    let ready!: () => void;
    const waiting = new Promise<void>((resolve) => { ready = resolve; });
    const { fetch, calls } = fakeFetch([], []);
    const transport = new LongPollTransport({ token: 'T', fetch });
    transport.start({ ...host, whenReady: () => waiting });
    await flush();
    expect(calls).toHaveLength(0);
    ready();
    await flush();
    expect(calls).toHaveLength(1);
    transport.stop();
  });

  it('hands a final poll error to the host and stops polling', async () => {
    const status = new StatusTracker(document, 'longpoll');
    const { host, errors } = fakeHost(status);
    const { fetch, calls } = fakeFetch([], [{ status: 410, body: { t: 'error', code: 'session-expired', reason: 'old' } }]);
    new LongPollTransport({ token: 'T', fetch }).start(host);
    await flush();
    await flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ status: 410, code: 'session-expired' });
    expect(calls).toHaveLength(1);
  });

  it('closes through sendBeacon with the token in the body', async () => {
    const beacons: Array<{ url: string; data: Blob }> = [];
    const transport = new LongPollTransport({
      token: 'T',
      fetch: fakeFetch([]).fetch,
      sendBeacon: (url, data) => beacons.push({ url, data }) > 0,
    });
    transport.close({ t: 'close', view: VIEW });
    expect(beacons[0]!.url).toBe('/_rf/send');
    expect(JSON.parse(await beacons[0]!.data.text())).toEqual({ t: 'close', view: VIEW, token: 'T' });
  });
});
