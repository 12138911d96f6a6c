import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '../../src/protocol';
import { StatusTracker } from '../../src/status';
import { SignalRTransport, type HubConnectionLike } from '../../src/transport/signalr';
import { ServerError, type TransportHost } from '../../src/transport/transport';
import { flush, VIEW } from '../fakes';

/** A hub connection whose server the test plays: it answers invocations and pushes frames by hand. */
export class FakeConnection implements HubConnectionLike {
  readonly invocations: Array<{ method: string; args: unknown[]; resolve(value: unknown): void; reject(error: unknown): void }> = [];
  private readonly handlers = new Map<string, (payload: unknown) => void>();
  private closeCallback: ((error?: Error) => void) | null = null;
  private startResult: { resolve(): void; reject(error: unknown): void } | null = null;
  stopped = false;

  constructor(readonly url: string, readonly onFrame: () => void, readonly ticket: () => Promise<string> = () => Promise.resolve('')) {}

  start(): Promise<void> {
    return new Promise((resolve, reject) => (this.startResult = { resolve, reject }));
  }

  stop(): Promise<void> {
    this.stopped = true;
    return Promise.resolve();
  }

  invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.invocations.push({ method, args, resolve: resolve as (value: unknown) => void, reject }));
  }

  on(method: string, handler: (payload: unknown) => void): void {
    this.handlers.set(method, handler);
  }

  onclose(callback: (error?: Error) => void): void {
    this.closeCallback = callback;
  }

  async open(): Promise<void> {
    this.startResult!.resolve();
    await flush();
  }

  async fail(): Promise<void> {
    this.startResult!.reject(new Error('WebSocket failed to connect'));
    await flush();
  }

  async answer(method: string, value: unknown): Promise<void> {
    const index = this.invocations.findIndex((i) => i.method === method);
    const [invocation] = this.invocations.splice(index, 1);
    this.onFrame();
    invocation.resolve(value);
    await flush();
  }

  async push(payload: unknown): Promise<void> {
    this.onFrame();
    this.handlers.get('Receive')!(payload);
    await flush();
  }

  async drop(): Promise<void> {
    for (const invocation of this.invocations.splice(0)) {
      invocation.reject(new Error('Connection closed'));
    }
    this.closeCallback?.(new Error('gone'));
    await flush();
  }
}

function setUp(n = 7, options: { ticket?: () => Promise<string>; maxFrameBytes?: number } = {}) {
  const connections: FakeConnection[] = [];
  const transport = new SignalRTransport({
    token: 'TOKEN',
    clientVersion: 'v1',
    heartbeatMs: 1000,
    random: () => 0,
    ticket: options.ticket ?? (() => Promise.resolve('TICKET')),
    maxFrameBytes: options.maxFrameBytes,
    connect: (url, onFrame, _heartbeatMs, ticket) => {
      const connection = new FakeConnection(url, onFrame, ticket);
      connections.push(connection);
      return connection;
    },
  });
  const status = new StatusTracker(document, transport.name);
  const received: ServerMessage[][] = [];
  const errors: ServerError[] = [];
  let current = n;
  const host: TransportHost = {
    viewId: VIEW,
    currentN: () => current,
    whenReady: () => Promise.resolve(),
    receive: (messages) => received.push(messages),
    connectionOk: () => status.succeeded(),
    connectionFailed: () => status.failed(),
    serverError: (error) => errors.push(error),
  };
  return { transport, connections, status, received, errors, host, setN: (value: number) => (current = value) };
}

const update: ServerMessage = { t: 'update', view: VIEW, n: 8, patches: [] };

describe('SignalRTransport', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('connects to the hub with a ticket and the client version and watches the view from its number', async () => {
    const { transport, connections, host } = setUp();
    transport.start(host);
    await connections[0].open();

    // The token never goes in the URL (URLs are logged): the connection carries a ticket for it.
    expect(connections[0].url).toBe('/_rf/hub?client=v1');
    await expect(connections[0].ticket()).resolves.toBe('TICKET');
    expect(connections[0].invocations[0]).toMatchObject({ method: 'Watch', args: [VIEW, 7, window.location.href] });
  });

  it('reports a ticket refused with a 4xx once and stops instead of reconnecting', async () => {
    const refused = new ServerError(410, 'session-expired', 'gone');
    const { transport, connections, host, errors } = setUp(7, { ticket: () => Promise.reject(refused) });
    transport.start(host);

    await expect(connections[0].ticket()).rejects.toBe(refused);
    await connections[0].fail();
    await vi.advanceTimersByTimeAsync(10_000);

    expect(errors).toEqual([refused]);
    expect(connections).toHaveLength(1);
  });

  it('retries a ticket that failed with a 5xx like a connection that failed', async () => {
    const { transport, connections, host, errors } = setUp(7, {
      ticket: () => Promise.reject(new ServerError(503, 'busy', 'locked')),
    });
    transport.start(host);

    await expect(connections[0].ticket()).rejects.toBeInstanceOf(ServerError);
    await connections[0].fail();
    await vi.advanceTimersByTimeAsync(250);

    expect(errors).toEqual([]);
    expect(connections).toHaveLength(2);
  });

  it('does not send a message whose frame the hub would refuse, and answers it as too large', async () => {
    const { transport, connections, host } = setUp(7, { maxFrameBytes: 1000 });
    transport.start(host);
    await connections[0].open();
    await connections[0].answer('Watch', []);

    // Quotes double when the message travels as a JSON string: 600 of them make a frame of over 1200 bytes.
    const answer = transport.send({ t: 'event', view: VIEW, n: 7, id: 3, target: 'root/1#0', name: 'input', args: { value: '"'.repeat(600) } });

    await expect(answer).rejects.toMatchObject({ status: 413, code: 'too-large' });
    expect(connections[0].invocations).toEqual([]);
    expect(connections).toHaveLength(1);
    const fits = transport.send({ t: 'event', view: VIEW, n: 7, id: 4, target: 'root/1#0', name: 'input', args: { value: 'x'.repeat(600) } });
    await flush();
    expect(connections[0].invocations.map((i) => i.method)).toEqual(['Send']);
    await connections[0].answer('Send', [update]);
    await expect(fits).resolves.toEqual([update]);
  });

  it('hands pushed messages to the view', async () => {
    const { transport, connections, host, received } = setUp();
    transport.start(host);
    await connections[0].open();

    await connections[0].push([update]);

    expect(received).toEqual([[update]]);
  });

  it('sends a message as JSON and resolves with the answer array', async () => {
    const { transport, connections, host } = setUp();
    transport.start(host);
    await connections[0].open();

    const answer = transport.send({ t: 'resync', view: VIEW, n: 7 });
    await flush();
    const send = connections[0].invocations.find((i) => i.method === 'Send')!;
    expect(JSON.parse(send.args[0] as string)).toEqual({ t: 'resync', view: VIEW, n: 7 });
    await connections[0].answer('Send', [update]);

    await expect(answer).resolves.toEqual([update]);
  });

  it('rejects with the server error of a final error object, as a 4xx over long-poll', async () => {
    const { transport, connections, host } = setUp();
    transport.start(host);
    await connections[0].open();

    const answer = transport.send({ t: 'resync', view: VIEW, n: 7 });
    const caught = answer.catch((e: unknown) => e);
    await flush();
    await connections[0].answer('Send', { t: 'error', code: 'bad-token', reason: 'wrong', status: 403 });

    expect(await caught).toEqual(new ServerError(403, 'bad-token', 'wrong'));
  });

  it('retries a busy answer after a backoff and shows trouble meanwhile', async () => {
    const { transport, connections, host, status } = setUp();
    transport.start(host);
    await connections[0].open();

    const answer = transport.send({ t: 'resync', view: VIEW, n: 7 });
    await flush();
    await connections[0].answer('Send', { t: 'error', code: 'busy', reason: 'locked', status: 503 });
    expect(status.status).toBe('trouble');
    await vi.advanceTimersByTimeAsync(250);
    await connections[0].answer('Send', [update]);

    await expect(answer).resolves.toEqual([update]);
    expect(status.status).toBe('connected');
  });

  it('shows trouble after one missed heartbeat, lost after three, and connected at the next frame', async () => {
    const { transport, connections, host, status } = setUp();
    transport.start(host);
    await connections[0].open();
    await connections[0].answer('Watch', []);

    await vi.advanceTimersByTimeAsync(1499);
    expect(status.status).toBe('connected');
    await vi.advanceTimersByTimeAsync(1);
    expect(status.status).toBe('trouble');
    await vi.advanceTimersByTimeAsync(1000);
    expect(status.status).toBe('trouble');
    await vi.advanceTimersByTimeAsync(1000);
    expect(status.status).toBe('lost');

    connections[0].onFrame();
    expect(status.status).toBe('connected');
  });

  it('reconnects after a dropped connection with backoff and watches again from the current number', async () => {
    const { transport, connections, host, status, setN } = setUp();
    transport.start(host);
    await connections[0].open();
    await connections[0].answer('Watch', []);
    setN(9);

    await connections[0].drop();
    expect(status.status).toBe('trouble');
    expect(connections).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(125);
    expect(connections).toHaveLength(2);
    await connections[1].open();
    expect(connections[1].invocations[0]).toMatchObject({ method: 'Watch', args: [VIEW, 9, window.location.href] });
    await connections[1].answer('Watch', []);

    expect(status.status).toBe('connected');
    expect(status.stats.reconnects).toBe(1);
  });

  it('resends a message whose connection dropped on the new connection', async () => {
    const { transport, connections, host } = setUp();
    transport.start(host);
    await connections[0].open();

    const answer = transport.send({ t: 'event', view: VIEW, n: 7, id: 3, target: 'root/1#0', name: 'click', args: {} });
    await flush();
    await connections[0].drop();
    await vi.advanceTimersByTimeAsync(250);
    const next = connections[connections.length - 1];
    await next.open();
    await vi.advanceTimersByTimeAsync(0);
    const resent = next.invocations.find((i) => i.method === 'Send')!;
    expect(JSON.parse(resent.args[0] as string)).toMatchObject({ id: 3 });
    await next.answer('Send', [update]);

    await expect(answer).resolves.toEqual([update]);
  });

  it('gives up a connection that leaves a message unanswered for two heartbeats and sends it again on a new one', async () => {
    const { transport, connections, host } = setUp();
    transport.start(host);
    await connections[0].open();
    await connections[0].answer('Watch', []);

    const answer = transport.send({ t: 'event', view: VIEW, n: 7, id: 4, target: 'root/1#0', name: 'submit', args: {} });
    await flush();
    await vi.advanceTimersByTimeAsync(2000);
    expect(connections[0].stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(250);
    const next = connections[connections.length - 1];
    expect(next).not.toBe(connections[0]);
    await next.open();
    await vi.advanceTimersByTimeAsync(0);
    const resent = next.invocations.find((i) => i.method === 'Send')!;
    expect(JSON.parse(resent.args[0] as string)).toMatchObject({ id: 4 });
    expect(next.invocations.some((i) => i.method === 'Watch')).toBe(true);
    await next.answer('Send', [update]);

    await expect(answer).resolves.toEqual([update]);
  });

  it('passes an error object pushed by the server to the view', async () => {
    const { transport, connections, host, errors } = setUp();
    transport.start(host);
    await connections[0].open();

    await connections[0].push({ t: 'error', code: 'session-expired', reason: 'gone', status: 410 });

    expect(errors).toEqual([new ServerError(410, 'session-expired', 'gone')]);
  });

  it('stops the connection and its heartbeat when stopped', async () => {
    const { transport, connections, host, status } = setUp();
    transport.start(host);
    await connections[0].open();

    transport.stop();
    await vi.advanceTimersByTimeAsync(10_000);

    expect(connections[0].stopped).toBe(true);
    expect(status.status).toBe('connected');
  });
});
