import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutoTransport, FALLBACK_AFTER_MS, type PreferredTransport } from '../../src/transport/auto';
import type { ClientMessage, ServerMessage } from '../../src/protocol';
import type { Transport, TransportHost } from '../../src/transport/transport';
import { flush } from '../fakes';

/** A transport that records what the automatic choice does with it. */
class Recorder implements Transport {
  host: TransportHost | null = null;
  stopped = false;
  readonly sent: ClientMessage[] = [];
  private readonly pending: Array<(messages: ServerMessage[]) => void> = [];

  constructor(readonly name: string) {}

  start(host: TransportHost): void {
    this.host = host;
  }

  send(message: ClientMessage): Promise<ServerMessage[]> {
    this.sent.push(message);
    return new Promise((resolve) => this.pending.push(resolve));
  }

  close(): void {}

  stop(): void {
    this.stopped = true;
  }

  async answer(messages: ServerMessage[]): Promise<void> {
    this.pending.shift()!(messages);
    await flush();
  }
}

class FakePreferred extends Recorder implements PreferredTransport {
  settle!: { resolve(): void; reject(error: unknown): void };

  constructor() {
    super('signalr');
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }
}

function setUp() {
  const preferred = new FakePreferred();
  const fallback = new Recorder('longpoll');
  const chosen: string[] = [];
  const transport = new AutoTransport(preferred, () => fallback, (name) => chosen.push(name));
  const host = {} as TransportHost;
  return { preferred, fallback, chosen, transport, host };
}

describe('AutoTransport', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('uses SignalR when it connects in time', async () => {
    const { preferred, fallback, chosen, transport, host } = setUp();
    transport.start(host);

    preferred.settle.resolve();
    await flush();

    expect(chosen).toEqual(['signalr']);
    expect(transport.name).toBe('signalr');
    expect(preferred.host).toBe(host);
    expect(fallback.host).toBeNull();
  });

  it('falls back to long-poll when SignalR has not connected after 2.5 s', async () => {
    const { preferred, fallback, chosen, transport, host } = setUp();
    transport.start(host);

    await vi.advanceTimersByTimeAsync(FALLBACK_AFTER_MS - 1);
    expect(chosen).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);

    expect(chosen).toEqual(['longpoll']);
    expect(transport.name).toBe('longpoll');
    expect(preferred.stopped).toBe(true);
    expect(fallback.host).toBe(host);
  });

  it('falls back to long-poll at once when SignalR fails to connect', async () => {
    const { preferred, chosen, transport, host } = setUp();
    transport.start(host);

    preferred.settle.reject(new Error('blocked'));
    await flush();

    expect(chosen).toEqual(['longpoll']);
  });

  it('holds messages sent before the choice and sends them through the chosen transport', async () => {
    const { preferred, fallback, transport, host } = setUp();
    transport.start(host);

    const answer = transport.send({ t: 'resync', view: 'v', n: 1 });
    await vi.advanceTimersByTimeAsync(FALLBACK_AFTER_MS);
    await fallback.answer([]);

    await expect(answer).resolves.toEqual([]);
    expect(fallback.sent).toEqual([{ t: 'resync', view: 'v', n: 1 }]);
    expect(preferred.sent).toEqual([]);
  });

  it('starts nothing when stopped before the choice', async () => {
    const { preferred, fallback, chosen, transport, host } = setUp();
    transport.start(host);

    transport.stop();
    preferred.settle.resolve();
    await flush();

    expect(chosen).toEqual([]);
    expect(preferred.host).toBeNull();
    expect(fallback.host).toBeNull();
  });
});
