import type { ClientMessage, CloseMessage, ServerMessage } from '../src/protocol';
import { StatusTracker } from '../src/status';
import type { Transport, TransportHost } from '../src/transport/transport';
import { View } from '../src/view';

interface Pending {
  message: ClientMessage;
  resolve(messages: ServerMessage[]): void;
  reject(error: unknown): void;
}

/** A transport whose answers the test gives by hand. */
export class FakeTransport implements Transport {
  readonly name = 'fake';
  host: TransportHost | null = null;
  readonly sent: ClientMessage[] = [];
  readonly pending: Pending[] = [];
  closed: CloseMessage | null = null;
  stopped = false;

  start(host: TransportHost): void {
    this.host = host;
  }

  send(message: ClientMessage): Promise<ServerMessage[]> {
    this.sent.push(message);
    return new Promise((resolve, reject) => this.pending.push({ message, resolve, reject }));
  }

  close(message: CloseMessage): void {
    this.closed = message;
  }

  stop(): void {
    this.stopped = true;
  }

  /** Answers the oldest message in flight and lets the view react. */
  async answer(messages: ServerMessage[] = []): Promise<void> {
    const pending = this.pending.shift();
    if (!pending) {
      throw new Error('Nothing in flight.');
    }
    pending.resolve(messages);
    await flush();
  }

  async fail(error: unknown): Promise<void> {
    this.pending.shift()!.reject(error);
    await flush();
  }
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve();
  }
}

export const VIEW = 'h3Jd9Qe0SUy8Zb3Fq1mW0A';

/** A page with #rf-root holding html, and a view at number n on it. */
export function makeView(html: string, n = 1, viewId = VIEW): {
  root: HTMLElement; view: View; transport: FakeTransport; status: StatusTracker;
} {
  document.body.innerHTML = `<div id="rf-root" data-rf-view="${viewId}" data-rf-n="${n}"></div>`;
  // innerHTML of the root itself, so the HTML is parsed exactly like a refresh would parse it.
  document.getElementById('rf-root')!.innerHTML = html;
  const root = document.getElementById('rf-root')!;
  const transport = new FakeTransport();
  const status = new StatusTracker(document, transport.name);
  const view = View.fromRoot(root, transport, status);
  view.start();
  return { root, view, transport, status };
}
