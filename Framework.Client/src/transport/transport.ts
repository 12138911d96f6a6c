import { ErrorCode, ProtocolConstants, type ClientMessage, type CloseMessage, type ServerMessage } from '../protocol';

/** A 4xx answer (or an error message in an answer): final for the message that caused it, never retried. */
export class ServerError extends Error {
  constructor(readonly status: number, readonly code: string, readonly reason: string) {
    super(`${status} ${code}: ${reason}`);
    this.name = 'ServerError';
  }
}

/** What a transport reports to the view it serves. */
export interface TransportHost {
  readonly viewId: string;
  /** The last view number the client applied (the poll asks for anything newer). */
  currentN(): number;
  /** Resolves when the view can use new updates again (it waits for a refresh after losing track). */
  whenReady(): Promise<void>;
  /** Server-initiated messages (poll answers, hub pushes). */
  receive(messages: ServerMessage[]): void;
  /** The server answered (any status below 500). */
  connectionOk(): void;
  /** A request failed and will be retried (network error or 5xx). */
  connectionFailed(): void;
  /** A final error outside a send (e.g. the poll got 404 or 410). */
  serverError(error: ServerError): void;
}

/**
 * Carries messages between one view and the server. Long-poll today; a SignalR transport implements the
 * same interface later, so the view never knows which one it talks through.
 */
export interface Transport {
  readonly name: string;
  /** Starts receiving server-initiated messages for the host's view. */
  start(host: TransportHost): void;
  /**
   * Sends one message and resolves with the server's answer. Transient failures are retried inside (safe:
   * the server applies each event id at most once); rejects with {@link ServerError} when the answer is final.
   */
  send(message: ClientMessage): Promise<ServerMessage[]>;
  /** Best effort, fire and forget: the page is going away. */
  close(message: CloseMessage): void;
  /** Stops receiving and abandons retries. */
  stop(): void;
}

/** The `{"t":"error","code","reason"}` body of a failed answer, tolerating a body that is not one. */
export async function readServerError(response: Response): Promise<ServerError> {
  try {
    const body = (await response.json()) as { code?: unknown; reason?: unknown };
    return new ServerError(response.status, String(body.code ?? ''), String(body.reason ?? ''));
  } catch {
    return new ServerError(response.status, '', response.statusText);
  }
}

/** The headers every request of a page carries: its CSRF token and, when known, its client version. */
export function pageHeaders(token: string, clientVersion: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { [ProtocolConstants.TokenHeader]: token };
  if (clientVersion) {
    headers[ProtocolConstants.ClientVersionHeader] = clientVersion;
  }
  return headers;
}

const FIRST_RETRY_MS = 250;
const MOST_RETRY_MS = 5000;
// A node that answers "store unavailable" or "busy" is up and the store is expected back soon (a Redis failover takes
// seconds): its retries stay at most this far apart, so the first one after the store is back comes within a second
// instead of up to 5 s later. An unreachable node or another 5xx backs off to MOST_RETRY_MS.
const MOST_STORE_RETRY_MS = 1000;

/**
 * How long to wait before retry `attempt` (from 0) of a request that failed transiently with `code` (empty for a
 * network error): 250 ms doubling, half fixed and half random so many tabs do not retry in lockstep.
 */
export function retryDelayMs(attempt: number, random: () => number, code = ''): number {
  const most = code === ErrorCode.StoreUnavailable || code === ErrorCode.Busy ? MOST_STORE_RETRY_MS : MOST_RETRY_MS;
  const ceiling = Math.min(most, FIRST_RETRY_MS * 2 ** Math.min(attempt, 16));
  return ceiling / 2 + (ceiling / 2) * random();
}
