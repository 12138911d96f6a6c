import {
  HttpTransportType, HubConnectionBuilder, JsonHubProtocol, LogLevel,
  type HubMessage, type IHubProtocol, type ILogger, type TransferFormat,
} from '@microsoft/signalr';
import { ErrorCode, ProtocolConstants, type ClientMessage, type CloseMessage, type ServerMessage } from '../protocol';
import { pageHeaders, readServerError, retryDelayMs, ServerError, type Transport, type TransportHost } from './transport';

/** The part of @microsoft/signalr's HubConnection this transport uses, so a test can inject a fake. */
export interface HubConnectionLike {
  start(): Promise<void>;
  stop(): Promise<void>;
  invoke<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
  on(method: string, handler: (payload: unknown) => void): void;
  onclose(callback: (error?: Error) => void): void;
}

/**
 * Makes a connection to `url`; `onFrame` must be called for every frame the server sends (keep-alives included), and
 * `ticket` gives what the connection's URL carries instead of the CSRF token, fetched anew for every start.
 */
export type HubConnectionFactory = (url: string, onFrame: () => void, heartbeatMs: number, ticket: () => Promise<string>) => HubConnectionLike;

export interface SignalROptions {
  token: string;
  clientVersion?: string;
  /** The server's keep-alive interval (`html[data-rf-heartbeat]`). */
  heartbeatMs?: number;
  /** The largest frame the hub accepts (`html[data-rf-max-frame]`); a message whose frame is larger is not sent. */
  maxFrameBytes?: number;
  connect?: HubConnectionFactory;
  /** Gets a ticket for the next connection (default: `POST /_rf/ticket` with the page's token). */
  ticket?: () => Promise<string>;
  random?: () => number;
}

export const HUB_URL = `${ProtocolConstants.EndpointPrefix}/hub`;
export const TICKET_URL = `${ProtocolConstants.EndpointPrefix}/ticket`;
const DEFAULT_HEARTBEAT_MS = 5000;
// A Send unanswered for this many heartbeat intervals: the connection is replaced and the message sent again on the
// new one (the server applies an event id once). An answer never takes that long: a handler that waits (JS interop,
// slow work) is answered after the server's settle time, and what it renders later is pushed.
const SEND_TIMEOUT_HEARTBEATS = 2;

interface ErrorObject { t: 'error'; code?: unknown; reason?: unknown; status?: unknown }

/** Thrown inside the transport when it was stopped while a message waited. */
class Stopped extends Error {}

/**
 * The SignalR transport (docs/protocol.md, "SignalR"): `Send` carries client messages, `Watch` + `Receive` bring the
 * server-initiated updates. Every frame from the server is a heartbeat; a missing one shows `trouble`, three `lost`.
 * A dropped connection is replaced by a new one after a backoff with jitter, which watches the view again from its
 * current number — on whichever node it lands, which rebuilds the view if it does not hold it.
 */
export class SignalRTransport implements Transport {
  readonly name = 'signalr';
  private host: TransportHost | null = null;
  private stopped = false;
  private connection: HubConnectionLike | null = null;
  private connected: Promise<HubConnectionLike> | null = null;
  private heartbeatTimer: ReturnType<typeof setTimeout> | null = null;
  private missed = 0;
  private readonly heartbeatMs: number;
  private readonly factory: HubConnectionFactory;
  private readonly requestTicket: () => Promise<string>;
  private readonly random: () => number;

  constructor(private readonly options: SignalROptions) {
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.factory = options.connect ?? createHubConnection;
    this.requestTicket = options.ticket ?? (() => fetchTicket(options.token, options.clientVersion));
    this.random = options.random ?? Math.random;
  }

  /** Opens the connection (the automatic choice waits for this); rejects when it cannot be established. */
  connect(): Promise<void> {
    return this.ensureConnected().then(() => undefined);
  }

  start(host: TransportHost): void {
    this.host = host;
    void this.ensureConnected().then((connection) => this.watch(connection), () => this.reconnect());
  }

  async send(message: ClientMessage): Promise<ServerMessage[]> {
    const payload = JSON.stringify(message);
    const frame = frameBytes(payload);
    if (this.options.maxFrameBytes && frame > this.options.maxFrameBytes) {
      // The hub would close the connection on such a frame instead of answering, and the message would be sent again
      // on every new connection. Its frame can only be that large when the message is over the server's limit.
      throw new ServerError(413, ErrorCode.TooLarge, `The message (${frame} bytes as sent) is larger than the server accepts.`);
    }
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) {
        throw new Stopped('Transport stopped.');
      }
      let answer: unknown;
      try {
        const connection = await this.ensureConnected();
        answer = await this.answerWithin(connection, connection.invoke('Send', payload));
      } catch {
        // The connection broke while the message was on its way, or went silent: retried (the server applies an
        // event id once).
        answer = null;
      }
      if (Array.isArray(answer)) {
        this.host?.connectionOk();
        return answer as ServerMessage[];
      }
      const error = asError(answer);
      if (error && error.status < 500) {
        this.host?.connectionOk();
        throw error;
      }
      if (this.stopped) {
        throw new Stopped('Transport stopped.');
      }
      this.host?.connectionFailed();
      // A store failover (503 store-unavailable) is retried sooner than a broken connection.
      await this.delay(attempt, error?.code);
    }
  }

  // The invocation's answer, unless none comes within the timeout: then this connection is given up (a new one is
  // made for the retry) instead of leaving the message, and every one after it, waiting forever.
  private answerWithin(connection: HubConnectionLike, invocation: Promise<unknown>): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const silent = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // As a dropped connection: a new one is made, and watches the view again.
        this.closed(connection);
        void connection.stop().catch(() => undefined);
        reject(new Error('The hub did not answer in time.'));
      }, this.heartbeatMs * SEND_TIMEOUT_HEARTBEATS);
    });
    return Promise.race([invocation, silent]).finally(() => {
      if (timer !== null) {
        clearTimeout(timer);
      }
    });
  }

  close(message: CloseMessage): void {
    // Best effort: the page is going away, so nobody waits for the answer.
    this.connection?.invoke('Send', JSON.stringify({ ...message, token: this.options.token })).catch(() => undefined);
  }

  stop(): void {
    this.stopped = true;
    this.clearHeartbeat();
    const connection = this.connection;
    this.connection = null;
    this.connected = null;
    void connection?.stop().catch(() => undefined);
  }

  private ensureConnected(): Promise<HubConnectionLike> {
    if (this.stopped) {
      return Promise.reject(new Stopped('Transport stopped.'));
    }
    if (!this.connected) {
      // Never the CSRF token: the URL of a WebSocket request is logged. A short-lived ticket stands in for it.
      const query = this.options.clientVersion ? `?client=${encodeURIComponent(this.options.clientVersion)}` : '';
      const connection = this.factory(`${HUB_URL}${query}`, () => this.frame(), this.heartbeatMs, () => this.ticket());
      connection.on('Receive', (payload) => this.received(payload));
      connection.onclose(() => this.closed(connection));
      this.connection = connection;
      this.connected = connection.start().then(() => {
        this.frame();
        return connection;
      });
      this.connected.catch(() => {
        if (this.connection === connection) {
          this.connection = null;
          this.connected = null;
        }
      });
    }
    return this.connected;
  }

  // A 4xx for the ticket is final, as for any message: the session expired, the page runs an outdated client. It is
  // reported once and the transport stops, instead of asking again on every reconnect.
  private async ticket(): Promise<string> {
    try {
      return await this.requestTicket();
    } catch (error) {
      if (error instanceof ServerError && error.status < 500 && !this.stopped) {
        const host = this.host;
        this.stop();
        host?.serverError(error);
      }
      throw error;
    }
  }

  private async watch(connection: HubConnectionLike): Promise<void> {
    const host = this.host;
    if (!host || this.stopped) {
      return;
    }
    await host.whenReady();
    let answer: unknown;
    try {
      answer = await connection.invoke('Watch', host.viewId, host.currentN(), window.location.href);
    } catch {
      return; // The connection closed; closed() reconnects and watches again.
    }
    const error = asError(answer);
    if (error && !this.stopped) {
      if (error.status >= 500) {
        this.host?.connectionFailed();
        void connection.stop().catch(() => undefined);
      } else {
        host.serverError(error);
      }
      return;
    }
    host.connectionOk();
  }

  private received(payload: unknown): void {
    if (this.stopped || !this.host) {
      return;
    }
    if (Array.isArray(payload)) {
      this.host.receive(payload as ServerMessage[]);
      return;
    }
    const error = asError(payload);
    if (error) {
      this.host.serverError(error);
    }
  }

  private closed(connection: HubConnectionLike): void {
    if (this.connection !== connection) {
      return;
    }
    this.connection = null;
    this.connected = null;
    if (!this.stopped) {
      this.clearHeartbeat();
      this.host?.connectionFailed();
      void this.reconnect();
    }
  }

  private async reconnect(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      await this.delay(attempt);
      try {
        const connection = await this.ensureConnected();
        await this.watch(connection);
        return;
      } catch {
        if (this.stopped) {
          return;
        }
        this.host?.connectionFailed();
      }
    }
  }

  // Any frame from the server (answers, pushes, keep-alives) is a heartbeat. The first miss comes half an interval
  // after the expected keep-alive, each further one a whole interval later.
  private frame(): void {
    if (this.stopped) {
      return;
    }
    if (this.missed > 0) {
      this.missed = 0;
      this.host?.connectionOk();
    }
    this.armHeartbeat(this.heartbeatMs * 1.5);
  }

  private armHeartbeat(ms: number): void {
    this.clearHeartbeat();
    this.heartbeatTimer = setTimeout(() => {
      this.heartbeatTimer = null;
      if (this.stopped || !this.connection) {
        return;
      }
      this.missed++;
      this.host?.connectionFailed();
      this.armHeartbeat(this.heartbeatMs);
    }, ms);
  }

  private clearHeartbeat(): void {
    if (this.heartbeatTimer !== null) {
      clearTimeout(this.heartbeatTimer);
      this.heartbeatTimer = null;
    }
  }

  private delay(attempt: number, code?: string): Promise<void> {
    const ms = retryDelayMs(attempt, this.random, code);
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}

/** The UTF-8 size of `payload` as a JSON string argument, which is how it travels in the invocation frame. */
function frameBytes(payload: string): number {
  return new TextEncoder().encode(JSON.stringify(payload)).length;
}

/** `POST /_rf/ticket` with the page's token in a header (docs/protocol.md, "Connecting"). */
async function fetchTicket(token: string, clientVersion: string | undefined): Promise<string> {
  const response = await fetch(TICKET_URL, {
    method: 'POST',
    headers: pageHeaders(token, clientVersion),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (!response.ok) {
    throw await readServerError(response);
  }
  const body = (await response.json()) as { ticket?: unknown };
  if (typeof body.ticket !== 'string') {
    throw new Error('The ticket answer has no ticket.');
  }
  return body.ticket;
}

function asError(value: unknown): ServerError | null {
  if (typeof value !== 'object' || value === null || (value as ErrorObject).t !== 'error') {
    return null;
  }
  const error = value as ErrorObject;
  return new ServerError(typeof error.status === 'number' ? error.status : 500, String(error.code ?? ''), String(error.reason ?? ''));
}

/** Sees every frame the server sends, keep-alives included, which HubConnection does not expose. */
class ObservingProtocol implements IHubProtocol {
  private readonly inner = new JsonHubProtocol();
  readonly name = this.inner.name;
  readonly version = this.inner.version;
  readonly transferFormat: TransferFormat = this.inner.transferFormat;

  constructor(private readonly onFrame: () => void) {}

  // The JSON protocol's transfer format is text, so the input is always a string.
  parseMessages(input: string | ArrayBuffer, logger: ILogger): HubMessage[] {
    this.onFrame();
    return this.inner.parseMessages(input as string, logger);
  }

  writeMessage(message: HubMessage): string | ArrayBuffer {
    return this.inner.writeMessage(message);
  }
}

/** A real connection: WebSockets only; no automatic reconnect (the transport replaces the connection itself). */
export function createHubConnection(url: string, onFrame: () => void, heartbeatMs: number, ticket: () => Promise<string>): HubConnectionLike {
  const connection = new HubConnectionBuilder()
    // WebSockets only, without the negotiate request: one request opens the connection, so behind a load balancer
    // it can never negotiate on one node and connect on another (the connection id would be unknown there).
    // The client puts what the factory returns in the WebSocket URL as access_token (browsers cannot set headers).
    .withUrl(url, { transport: HttpTransportType.WebSockets, skipNegotiation: true, accessTokenFactory: ticket })
    .withHubProtocol(new ObservingProtocol(onFrame))
    .configureLogging(LogLevel.Warning)
    .build();
  // Three missed keep-alives and a margin: the connection counts as dead and is replaced.
  connection.serverTimeoutInMilliseconds = heartbeatMs * 4;
  return connection as unknown as HubConnectionLike;
}
