import { ProtocolConstants, type ClientMessage, type CloseMessage, type ServerMessage } from '../protocol';
import { pageHeaders, readServerError, retryDelayMs, ServerError, type Transport, type TransportHost } from './transport';

export interface LongPollOptions {
  token: string;
  /** The client version the page was served with (sent so a newer server can ask for a reload). */
  clientVersion?: string;
  fetch?: typeof fetch;
  sendBeacon?: (url: string, data: Blob) => boolean;
  random?: () => number;
}

const SEND_URL = `${ProtocolConstants.EndpointPrefix}/send`;
const POLL_URL = `${ProtocolConstants.EndpointPrefix}/poll`;

/** Thrown inside the transport when it was stopped while a request waited. */
class Stopped extends Error {}

/** POST /_rf/send for client messages, a GET /_rf/poll loop for server-initiated updates. */
export class LongPollTransport implements Transport {
  readonly name = 'longpoll';
  private host: TransportHost | null = null;
  private stopped = false;
  private readonly abort = new AbortController();
  private readonly fetch: typeof fetch;
  private readonly random: () => number;

  constructor(private readonly options: LongPollOptions) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.random = options.random ?? Math.random;
  }

  start(host: TransportHost): void {
    this.host = host;
    void this.poll(host);
  }

  send(message: ClientMessage): Promise<ServerMessage[]> {
    return this.request(() => this.fetch(SEND_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...this.headers() },
      body: JSON.stringify(message),
      credentials: 'same-origin',
      signal: this.abort.signal,
    }));
  }

  close(message: CloseMessage): void {
    // sendBeacon cannot set headers, so the token travels in the body (docs/protocol.md).
    const body = new Blob([JSON.stringify({ ...message, token: this.options.token })], { type: 'application/json' });
    const beacon = this.options.sendBeacon ??
      (typeof navigator !== 'undefined' && navigator.sendBeacon ? navigator.sendBeacon.bind(navigator) : null);
    beacon?.(SEND_URL, body);
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private headers(): Record<string, string> {
    return pageHeaders(this.options.token, this.options.clientVersion);
  }

  private async poll(host: TransportHost): Promise<void> {
    while (!this.stopped) {
      try {
        await host.whenReady();
        if (this.stopped) {
          return;
        }
        const query = `view=${encodeURIComponent(host.viewId)}&n=${host.currentN()}&url=${encodeURIComponent(window.location.href)}`;
        const messages = await this.request(() => this.fetch(`${POLL_URL}?${query}`, {
          headers: this.headers(),
          credentials: 'same-origin',
          cache: 'no-store',
          signal: this.abort.signal,
        }));
        if (!this.stopped) {
          host.receive(messages);
        }
      } catch (error) {
        if (error instanceof ServerError && !this.stopped) {
          // A 4xx poll would fail the same way again at once; the host decides what happens (reload, expired).
          host.serverError(error);
        }
        return;
      }
    }
  }

  private async request(go: () => Promise<Response>): Promise<ServerMessage[]> {
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) {
        throw new Stopped('Transport stopped.');
      }
      let response: Response | null = null;
      try {
        response = await go();
        if (response.ok) {
          const messages: unknown = await response.json();
          if (!Array.isArray(messages)) {
            throw new Error('The answer is not an array.');
          }
          this.host?.connectionOk();
          return messages as ServerMessage[];
        }
      } catch {
        // Network error, aborted, or an unreadable 200: retried below like a 5xx.
        response = null;
      }
      if (response && response.status < 500) {
        this.host?.connectionOk();
        throw await readServerError(response);
      }
      if (this.stopped) {
        throw new Stopped('Transport stopped.');
      }
      this.host?.connectionFailed();
      // A 5xx's code decides how far apart the retries get (a store failover is retried sooner than a dead node).
      const code = response ? (await readServerError(response)).code : '';
      await this.delay(attempt, code);
    }
  }

  private delay(attempt: number, code: string): Promise<void> {
    const ms = retryDelayMs(attempt, this.random, code);
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
