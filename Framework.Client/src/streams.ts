import { ProtocolConstants } from './protocol';

// Streams from the browser to the server (docs/protocol.md, "Streams from the browser"). A JavaScript call whose
// result the server wants as a stream reference (`IJSStreamReference`, InputFile's `readFileData`) leaves its value in
// the browser as a Blob; the server reads it by calling `Blazor._internal.sendJSDataStream`, and the bytes go in
// chunks, each a `POST /_rf/stream`, never through the view's messages (whose size is limited).

const STREAM_URL = `${ProtocolConstants.EndpointPrefix}/stream`;

/** What a stream result may be, as for Blazor: a Blob (a File), an ArrayBuffer or a view of one. */
export function toBlob(value: unknown): Blob {
  if (value instanceof Blob) {
    return value;
  }
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    return new Blob([value as BlobPart]);
  }
  throw new Error('A stream reference must be made from a Blob, an ArrayBuffer or an ArrayBufferView.');
}

export interface StreamSenderOptions {
  /** The view the stream belongs to (the server checks it with the session cookie). */
  viewId(): string;
  fetch?: typeof fetch;
  /** Told when a chunk is refused or cannot be sent: the server's reader fails, the browser stops. */
  failed?(error: Error): void;
}

/**
 * Sends a Blob's bytes to the server in chunks of `chunkBytes`, one request at a time: the server answers a chunk once
 * its reader took the chunk's last byte, so the browser sends as fast as the server reads. Stops at the first refusal
 * or network error; the server then sees the stream fail (or time out), never end early.
 */
export async function sendStream(blob: Blob, stream: string, secret: string, chunkBytes: number, options: StreamSenderOptions): Promise<void> {
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const size = Math.max(1, Math.floor(chunkBytes));
  try {
    for (let offset = 0; offset < blob.size; offset += size) {
      const query = new URLSearchParams({ view: options.viewId(), stream, offset: String(offset) });
      const response = await send(`${STREAM_URL}?${query}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', [ProtocolConstants.TokenHeader]: secret },
        body: blob.slice(offset, Math.min(offset + size, blob.size)),
        credentials: 'same-origin',
      });
      if (!response.ok) {
        throw new Error(`The server refused a chunk of the stream (${response.status}).`);
      }
    }
  } catch (error) {
    options.failed?.(error instanceof Error ? error : new Error(String(error)));
  }
}

/** What the page needs to fetch a .NET stream: its id on the server and its one-time secret. */
export interface DotNetStreamTicket {
  stream: string;
  secret: string;
}

/**
 * A .NET stream the server passed to JavaScript (`DotNetStreamReference`), as Blazor's JavaScript sees it: `stream()`
 * and `arrayBuffer()`. Its bytes come over HTTP (`GET /_rf/stream`, docs/protocol.md, "Streams to the browser"), fetched
 * once, when first asked for: the server sends a stream once and drops it if the page does not ask in time.
 */
export class DotNetStream {
  private fetched?: Promise<ReadableStream<Uint8Array>>;

  constructor(
    private readonly ticket: DotNetStreamTicket,
    private readonly viewId: string,
    private readonly send: typeof fetch,
  ) {}

  /** The stream's bytes as they arrive. */
  stream(): Promise<ReadableStream<Uint8Array>> {
    return (this.fetched ??= this.fetch());
  }

  /** The whole stream's bytes. */
  async arrayBuffer(): Promise<ArrayBuffer> {
    return new Response(await this.stream()).arrayBuffer();
  }

  private async fetch(): Promise<ReadableStream<Uint8Array>> {
    const query = new URLSearchParams({ view: this.viewId, stream: this.ticket.stream });
    const response = await this.send(`${STREAM_URL}?${query}`, {
      method: 'GET',
      headers: { [ProtocolConstants.TokenHeader]: this.ticket.secret },
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (!response.ok) {
      throw new Error(`The server refused the .NET stream (${response.status}).`);
    }
    return response.body ?? new Response(new Uint8Array(0)).body!;
  }
}
