import type { ClientMessage, CloseMessage, ServerMessage } from '../protocol';
import type { Transport, TransportHost } from './transport';

/** How long the WebSocket may take to connect before the client settles for long-poll. */
export const FALLBACK_AFTER_MS = 2500;

/** The transport that can connect first, within {@link FALLBACK_AFTER_MS}: prefer SignalR, else long-poll. */
export interface PreferredTransport extends Transport {
  connect(): Promise<void>;
}

/**
 * Tries SignalR first; when its connection is not established within 2.5 s (a proxy that blocks WebSockets, say)
 * or fails, it stops it and uses long-poll, which needs no sticky routing. Messages sent meanwhile wait for the
 * choice. The choice is final for the life of the page.
 */
export class AutoTransport implements Transport {
  private current: Transport | null = null;
  private stopped = false;
  private readonly chosen: Promise<Transport>;
  private resolveChoice!: (transport: Transport) => void;

  constructor(
    private readonly preferred: PreferredTransport,
    private readonly fallback: () => Transport,
    private readonly onChosen: (name: string) => void,
    private readonly timeoutMs = FALLBACK_AFTER_MS,
  ) {
    this.chosen = new Promise((resolve) => (this.resolveChoice = resolve));
  }

  get name(): string {
    return this.current?.name ?? 'auto';
  }

  start(host: TransportHost): void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.timeoutMs);
    });
    const connected = this.preferred.connect().then(() => true, () => false);
    void Promise.race([connected, timedOut]).then((ok) => {
      if (timer !== null) {
        clearTimeout(timer);
      }
      if (this.stopped) {
        this.preferred.stop();
        return;
      }
      let transport: Transport = this.preferred;
      if (!ok) {
        this.preferred.stop();
        transport = this.fallback();
      }
      this.current = transport;
      this.onChosen(transport.name);
      transport.start(host);
      this.resolveChoice(transport);
    });
  }

  async send(message: ClientMessage): Promise<ServerMessage[]> {
    return (await this.chosen).send(message);
  }

  close(message: CloseMessage): void {
    // Before a choice nothing was started on the server side of either transport except the page itself.
    (this.current ?? this.fallback()).close(message);
  }

  stop(): void {
    this.stopped = true;
    if (this.current) {
      this.current.stop();
    } else {
      this.preferred.stop();
    }
  }
}
