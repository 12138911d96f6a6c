import { markBusy } from './busy';
import { keepFocus } from './focus';
import { setHead } from './head';
import { Interop, type InteropSink, type ModuleImporter } from './interop';
import { MarkupError, readMarkup } from './markup';
import { morphChildren } from './morph';
import { applyPatches, PatchError, selectMarkedOptions } from './patches';
import { markResume, reloadAtMostEvery, RELOAD_INTERVAL_MS, resumedNextId } from './reload';
import { SendQueue, type Outgoing } from './sendQueue';
import { shapeOf } from './shape';
import {
  ErrorCode, HostPage, MessageType, ProtocolConstants,
  type ClientMessage, type JSMessage, type RefreshMessage, type ServerMessage, type UpdateMessage,
} from './protocol';
import type { StatusTracker } from './status';
import { ServerError, type Transport, type TransportHost } from './transport/transport';

/** How long a gap in view numbers may stay open before the client asks for a refresh. */
export const GAP_WAIT_MS = 1000;

/** What the user is told when the server refused one of their messages as too large. */
export const TOO_LARGE_NOTICE = 'Your last change was too large to send, so it was not applied.';

export interface ViewOptions {
  root: Element;
  viewId: string;
  n: number;
  transport: Transport;
  status: StatusTracker;
  /** Loads JavaScript modules for interop (default: the browser's `import()`). */
  importer?: ModuleImporter;
}

/**
 * One view in this tab: applies server messages strictly in view-number order and sends client messages
 * one at a time, in the order they happened (docs/protocol.md, "Ordering and recovery").
 */
export class View implements TransportHost, InteropSink {
  /** The browser's side of JavaScript interop for this view. */
  readonly interop: Interop;
  private id: string;
  private readonly root: Element;
  private readonly transport: Transport;
  private readonly status: StatusTracker;
  private n: number;
  private nextId = 1;
  private readonly queue = new SendQueue();
  private sending = false;
  private readonly held = new Map<number, UpdateMessage>();
  // Interop messages for a view number the page has not reached yet (the element a call needs is in that update).
  private heldJS: JSMessage[] = [];
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  // Set when a patch did not fit: the DOM is no longer view n, so nothing is applied until a refresh.
  private outOfStep = false;
  private resyncQueued = false;
  // Resolves when the outstanding resync was answered; the poll waits for it rather than spin on updates
  // the view cannot apply.
  private resyncDone: { promise: Promise<void>; resolve(): void } | null = null;
  private stopped = false;
  // Set when the page reloads to pick up a newer client: the reloaded page continues this view.
  private resuming = false;

  constructor(options: ViewOptions) {
    this.root = options.root;
    this.id = options.viewId;
    this.n = options.n;
    this.transport = options.transport;
    this.status = options.status;
    this.interop = new Interop(this.root, this, options.importer);
  }

  /** Reads the view id and number the server wrote on #rf-root. */
  static fromRoot(root: Element, transport: Transport, status: StatusTracker): View {
    const view = new View({
      root,
      viewId: root.getAttribute(HostPage.ViewAttribute) ?? '',
      n: Number(root.getAttribute(HostPage.NumberAttribute) ?? '0'),
      transport,
      status,
    });
    view.continueEventIds();
    return view;
  }

  /** The view's id; a server that had to start the view afresh gives it a new one with its refresh. */
  get viewId(): string {
    return this.id;
  }

  currentN(): number {
    return this.n;
  }

  whenReady(): Promise<void> {
    return this.resyncDone?.promise ?? Promise.resolve();
  }

  start(): void {
    this.checkShape();
    this.transport.start(this);
  }

  stop(): void {
    this.stopped = true;
    this.queue.releaseAll();
    this.clearGapTimer();
    this.transport.stop();
    this.settleResync();
  }

  /** The tab goes away: release the view on the server. */
  close(): void {
    this.stop();
    if (this.resuming) {
      // The reloaded page continues this view (rf-resume); closing it now would drop its saved state.
      return;
    }
    this.transport.close({ t: MessageType.Close, view: this.viewId });
  }

  /** Sends a DOM event; `element` (the handler's) is marked busy until its answer arrives. */
  event(target: string, name: string, args: object, element?: Element): void {
    if (this.stopped) {
      return;
    }
    const coalesce = SendQueue.coalesceKey(target, name);
    if (this.queue.coalesce(coalesce, args)) {
      return;
    }
    const id = this.nextId++;
    const outgoing: Outgoing = {
      build: () => ({ t: MessageType.Event, view: this.viewId, n: this.n, id, target, name, args: outgoing.args!, url: this.window().location.href }),
      coalesce,
      args,
      release: element ? [markBusy(element)] : [],
    };
    this.enqueueOutgoing(outgoing);
  }

  jsDone(call: number, ok: boolean, result: string, bytes?: string[]): void {
    const id = this.nextId++;
    this.enqueue(() => ({ t: MessageType.JSDone, view: this.viewId, n: this.n, id, call, ok, result, ...(bytes ? { bytes } : {}) }));
  }

  dotNet(message: { call?: number; assembly?: string; method: string; object?: number; args: string; bytes?: string[] }): void {
    const id = this.nextId++;
    this.enqueue(() => ({ t: MessageType.DotNet, view: this.viewId, n: this.n, id, ...message }));
  }

  navigate(url: string): void {
    const id = this.nextId++;
    this.enqueue(() => ({ t: MessageType.Navigate, view: this.viewId, n: this.n, id, url }));
  }

  connectionOk(): void {
    this.status.succeeded();
  }

  connectionFailed(): void {
    this.status.failed();
  }

  serverError(error: ServerError): void {
    console.warn(`RazorFaces: ${error.status} ${error.code}: ${error.reason}`);
    if (error.code === ErrorCode.ViewEvicted) {
      // Final for this tab: a fresh view would push out another tab's, and so on round the tabs.
      this.status.closed();
      this.stop();
    } else if (error.status === 410 || error.code === ErrorCode.SessionExpired) {
      this.status.expired();
      this.stop();
    } else if (error.code === ErrorCode.ClientOutdated || error.status === 404 || error.code === ErrorCode.UnknownView) {
      // A server of a newer build (rolling upgrade) or a view nobody has: load the page again, once.
      this.stop();
      if (error.code === ErrorCode.ClientOutdated) {
        this.resumeAfterReload();
      }
      this.reloadAtMostEvery(RELOAD_INTERVAL_MS);
    } else if (error.code === ErrorCode.TooLarge) {
      // Final for that one message (say a huge paste): it is dropped, the user is told, and the next ones go on.
      this.status.stats.dropped++;
      this.status.notice(TOO_LARGE_NOTICE);
    }
  }

  /** Applies an answer or a poll result; the same code path the protocol fixtures are tested through. */
  receive(messages: readonly ServerMessage[]): void {
    if (this.stopped) {
      return;
    }
    for (const message of messages) {
      switch (message.t) {
        case MessageType.Update:
          this.receiveUpdate(message);
          break;
        case MessageType.Refresh:
          this.receiveRefresh(message);
          break;
        case MessageType.Location:
          this.window().location.assign(message.url);
          break;
        case MessageType.JS:
          this.receiveJS(message);
          break;
        case MessageType.Error:
          this.serverError(new ServerError(0, message.code, message.reason ?? ''));
          break;
        default:
          console.warn('RazorFaces: unknown message', message);
      }
    }
    this.checkGap();
  }

  private receiveJS(message: JSMessage): void {
    if (message.view !== this.viewId) {
      return; // From a view this page no longer shows.
    }
    if (message.n > this.n || this.outOfStep) {
      this.heldJS.push(message);
      return;
    }
    this.interop.receive(message);
  }

  // After the page reached a new view number: the interop messages that waited for it.
  private releaseJS(): void {
    if (this.heldJS.length === 0 || this.outOfStep) {
      return;
    }
    const ready = this.heldJS.filter((m) => m.view === this.viewId && m.n <= this.n);
    this.heldJS = this.heldJS.filter((m) => m.view === this.viewId && m.n > this.n);
    for (const message of ready) {
      this.interop.receive(message);
    }
  }

  private receiveUpdate(update: UpdateMessage): void {
    if (update.view !== this.viewId || update.n <= this.n || this.outOfStep) {
      return;
    }
    if (update.n > this.n + 1) {
      this.held.set(update.n, update);
      return;
    }
    this.applyUpdate(update);
    for (let next = this.held.get(this.n + 1); next && !this.outOfStep; next = this.held.get(this.n + 1)) {
      this.held.delete(next.n);
      this.applyUpdate(next);
    }
  }

  private applyUpdate(update: UpdateMessage): void {
    try {
      keepFocus(this.root, () => applyPatches(this.root, update.patches));
    } catch (error) {
      if (!(error instanceof PatchError)) {
        throw error;
      }
      console.warn(`RazorFaces: update ${update.n} does not fit the page (${error.message}); resyncing.`);
      this.outOfStep = true;
      this.held.clear();
      this.resync();
      return;
    }
    this.setN(update.n);
    if (update.head !== undefined) {
      setHead(this.root.ownerDocument, update.head);
    }
    this.releaseJS();
    this.status.stats.updates++;
    if (update.rebuilt) {
      this.status.stats.rebuilds++;
    }
    this.pushUrl(update.url, update.replace === true);
  }

  private receiveRefresh(refresh: RefreshMessage): void {
    if (refresh.view !== this.viewId) {
      // The server did not know this view and started the page afresh under a new id: adopt it.
      this.id = refresh.view;
      this.root.setAttribute(HostPage.ViewAttribute, refresh.view);
      this.held.clear();
      this.n = 0;
    }
    // After a bad patch the server may answer the resync with the number we are (nominally) at.
    if (refresh.n < this.n || (refresh.n === this.n && !this.outOfStep)) {
      return;
    }
    keepFocus(this.root, () => this.setContent(refresh.html));
    this.outOfStep = false;
    this.setN(refresh.n);
    if (refresh.head !== undefined) {
      setHead(this.root.ownerDocument, refresh.head);
    }
    this.releaseJS();
    this.status.stats.fullRefreshes++;
    if (refresh.rebuilt) {
      this.status.stats.rebuilds++;
    }
    for (const n of Array.from(this.held.keys())) {
      if (n <= this.n) {
        this.held.delete(n);
      }
    }
    this.pushUrl(refresh.url);
    for (let next = this.held.get(this.n + 1); next && !this.outOfStep; next = this.held.get(this.n + 1)) {
      this.held.delete(next.n);
      this.applyUpdate(next);
    }
  }

  /**
   * The browser's HTML parser rebuilds some markup into another tree than the server rendered (a div in a p, a
   * link in a link…), and patch paths would miss there. The server wrote its DOM's shape on the root; a page that
   * parsed into another shape asks for a refresh, which is built exactly (docs/protocol.md, "The first GET").
   */
  private checkShape(): void {
    const expected = this.root.getAttribute(ProtocolConstants.ShapeAttribute);
    this.root.removeAttribute(ProtocolConstants.ShapeAttribute);
    if (expected === null || shapeOf(this.root) === expected) {
      return;
    }
    console.warn('RazorFaces: the browser parsed this page into another tree than the server rendered; refreshing.');
    this.outOfStep = true;
    this.resync();
  }

  private setContent(html: string): void {
    let content: DocumentFragment;
    try {
      content = readMarkup(this.root, html);
    } catch (error) {
      if (!(error instanceof MarkupError)) {
        throw error;
      }
      // Not the server writer's HTML: the parser's reading is better than an empty page (and a patch that then
      // misses resyncs).
      console.warn(`RazorFaces: ${error.message} Using the browser's HTML parser.`);
      this.root.innerHTML = html;
      return;
    }
    // Elements that survive keep their identity: JavaScript holding one (a library's init(element)) goes on working.
    morphChildren(this.root, content);
    selectMarkedOptions(this.root);
  }

  private setN(n: number): void {
    this.n = n;
    this.root.setAttribute(HostPage.NumberAttribute, String(n));
  }

  // A gap still open after the answer that carried it gets one more second for the missing update to
  // arrive (e.g. on the poll); then the client gives up on it and asks for a refresh.
  // The same timer retries a resync whose answer did not bring the view back in step.
  private checkGap(): void {
    if (!this.needsResync() || this.gapTimer !== null) {
      return;
    }
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (!this.stopped && this.needsResync()) {
        this.resync();
      }
    }, GAP_WAIT_MS);
  }

  private needsResync(): boolean {
    return (this.held.size > 0 || this.outOfStep) && this.resyncDone === null;
  }

  private clearGapTimer(): void {
    if (this.gapTimer !== null) {
      clearTimeout(this.gapTimer);
      this.gapTimer = null;
    }
  }

  private resync(): void {
    if (this.resyncQueued) {
      return;
    }
    this.resyncQueued = true;
    if (!this.resyncDone) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.resyncDone = { promise, resolve };
    }
    this.enqueue(() => {
      this.resyncQueued = false;
      return { t: MessageType.Resync, view: this.viewId, n: this.n, url: this.window().location.href };
    });
  }

  private enqueue(build: () => ClientMessage): void {
    this.enqueueOutgoing({ build, release: [] });
  }

  private enqueueOutgoing(outgoing: Outgoing): void {
    if (this.stopped) {
      outgoing.release.forEach((release) => release());
      return;
    }
    this.queue.push(outgoing);
    this.pump();
  }

  // One message in flight per view; the next one is built only when it is sent, so it carries the
  // latest applied n.
  private pump(): void {
    if (this.sending || this.stopped) {
      return;
    }
    const outgoing = this.queue.shift();
    if (!outgoing) {
      return;
    }
    this.sending = true;
    const message = outgoing.build();
    const answered = () => {
      // Before the answer's patches, so a state the server renders (say a disabled button) is what stays.
      outgoing.release.forEach((release) => release());
      if (message.t === MessageType.Resync && !this.resyncQueued) {
        this.settleResync();
      }
    };
    this.transport.send(message).then(
      (messages) => {
        answered();
        this.receive(messages);
      },
      (error: unknown) => {
        answered();
        this.sendFailed(message, error);
      },
    ).finally(() => {
      this.sending = false;
      this.pump();
    });
  }

  private sendFailed(message: ClientMessage, error: unknown): void {
    if (!(error instanceof ServerError)) {
      return; // The transport was stopped.
    }
    if (message.t === MessageType.Navigate && error.status !== 410) {
      // The user asked for another page; a full load of it recovers from any other refusal.
      console.warn(`RazorFaces: ${error.status} ${error.code}: ${error.reason}; loading ${message.url}`);
      this.stop();
      this.window().location.assign(message.url);
      return;
    }
    this.serverError(error);
  }

  private settleResync(): void {
    const done = this.resyncDone;
    this.resyncDone = null;
    done?.resolve();
  }

  private pushUrl(url: string | undefined, replace = false): void {
    if (!url) {
      return;
    }
    const win = this.window();
    const absolute = new URL(url, win.location.href).href;
    if (replace) {
      win.history.replaceState(null, '', absolute);
    } else if (absolute !== win.location.href) {
      win.history.pushState(null, '', absolute);
    }
  }

  /** Names this view in a short-lived cookie, so the page the reload asks for continues it (docs/protocol.md). */
  private resumeAfterReload(): void {
    this.resuming = markResume(this.root.ownerDocument, this.window(), this.id, this.nextId);
  }

  /** After a reload that resumed this view, continues its event ids where the page before left off. */
  private continueEventIds(): void {
    const next = resumedNextId(this.window(), this.id);
    if (next !== null && next > this.nextId) {
      this.nextId = next;
    }
  }

  private reloadAtMostEvery(ms: number): void {
    if (!reloadAtMostEvery(this.window(), ms)) {
      // Reloading again so soon would loop; let the user decide.
      this.status.expired();
    }
  }

  private window(): Window {
    return this.root.ownerDocument.defaultView!;
  }
}
