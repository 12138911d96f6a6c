import { ProtocolConstants } from './protocol';

// The browser's side of Blazor's Virtualize component (docs/protocol.md, "Virtualize"). The component renders two
// spacer elements around the items it shows and calls `Blazor._internal.Virtualize.init(helper, before, after)` after
// its first render; from then on the browser tells it, through the helper's [JSInvokable] methods, how much of a
// spacer has come into view, and the component renders the items that belong there. Everything here is the
// component's documented contract; the code is ours, written with the patched DOM in mind:
//
// - a spacer's height arrives as a patch of its style attribute, and an IntersectionObserver reports only changes of
//   intersection, so a spacer still in view after it grew or shrank is observed afresh (else scrolling would stall);
// - a refresh keeps the elements that survive it (src/morph.ts), but one that changed tag is new: spacers that left
//   the document are found again by their data-rf reference;
// - every report is a round trip to the server, so each instance has at most one report in flight; what the observers
//   saw meanwhile waits, only the latest per spacer, and is dropped when a patch then changed a spacer (the spacer is
//   observed afresh, so a new measurement follows).

/** The .NET object a Virtualize instance gives `init` (a `DotNetObjectReference` as JavaScript sees it). */
export interface VirtualizeHelper {
  invokeMethodAsync(method: string, ...args: unknown[]): Promise<unknown>;
  dispose?(): void;
}

type Side = 'before' | 'after';

const METHODS: Record<Side, string> = { before: 'OnSpacerBeforeVisible', after: 'OnSpacerAfterVisible' };
const TABLE_PARENTS = new Set(['table', 'thead', 'tbody', 'tfoot']);

/** The `Blazor._internal.Virtualize` functions, for every Virtualize of one view's root. */
export class VirtualizeRegistry {
  private readonly instances = new Map<VirtualizeHelper, SpacerWatch>();
  private readonly rootObserver: MutationObserver;

  constructor(private readonly root: Element) {
    // A refresh (or a patch) may replace a spacer anywhere below the root: re-find the spacers of every live instance.
    this.rootObserver = new MutationObserver(() => this.rearm());
    this.rootObserver.observe(root, { childList: true, subtree: true });
  }

  /** How many instances are being watched (for tests). */
  get size(): number {
    return this.instances.size;
  }

  init(helper: VirtualizeHelper, spacerBefore: HTMLElement | null, spacerAfter: HTMLElement | null, rootMargin = 50): void {
    // A view rebuilt on the server (after passivation, or on another node) renders its Virtualize afresh and calls
    // init again, with a new helper or one with the old one's id, on spacers its refresh put where the old ones were.
    // The newest init wins, and starts where the list was scrolled to: the refresh replaced the scroll container.
    let scrollTop = 0;
    for (const [other, watch] of this.instances) {
      if (other === helper || watch.watches(spacerBefore, spacerAfter)) {
        scrollTop = watch.scrollTop;
        watch.stop();
        this.instances.delete(other);
      }
    }
    this.rearm();
    if (!spacerBefore || !spacerAfter || !spacerBefore.isConnected || !spacerAfter.isConnected) {
      return;
    }
    this.instances.set(helper, new SpacerWatch(helper, spacerBefore, spacerAfter, rootMargin, scrollTop));
  }

  dispose(helper: VirtualizeHelper): void {
    this.instances.get(helper)?.stop();
    this.instances.delete(helper);
    // As Blazor does: the browser lets go of the helper, and the server releases its reference.
    helper.dispose?.();
  }

  private rearm(): void {
    for (const [helper, watch] of this.instances) {
      if (!watch.rearm(this.root)) {
        this.instances.delete(helper);
      }
    }
  }
}

/** One Virtualize instance: its two spacers, observed in its scroll container. */
class SpacerWatch {
  private intersections!: IntersectionObserver;
  private readonly mutations: MutationObserver;
  private readonly pending = new Map<Side, number[]>();
  private readonly beforeRef: string | null;
  private readonly afterRef: string | null;
  private inFlight = false;
  private stopped = false;
  private container: HTMLElement | null = null;
  private readonly onScroll = () => {
    this.scrollTop = this.container?.scrollTop ?? 0;
  };

  constructor(
    private readonly helper: VirtualizeHelper,
    private before: HTMLElement,
    private after: HTMLElement,
    private readonly rootMargin: number,
    /** Where the scroll container was last scrolled to: a refresh replaces it, and this puts the new one there. */
    public scrollTop = 0,
  ) {
    this.beforeRef = before.getAttribute(ProtocolConstants.TargetAttribute);
    this.afterRef = after.getAttribute(ProtocolConstants.TargetAttribute);
    this.mutations = new MutationObserver((records) => this.spacersChanged(records));
    this.watch();
  }

  /** Whether these are the spacers it watches, or ones a refresh put in their place (same data-rf references). */
  watches(before: HTMLElement | null, after: HTMLElement | null): boolean {
    const reference = (element: HTMLElement | null) => element?.getAttribute(ProtocolConstants.TargetAttribute) ?? null;
    return (before === this.before && after === this.after) ||
      (this.beforeRef !== null && reference(before) === this.beforeRef && reference(after) === this.afterRef);
  }

  /** Keeps watching after a refresh; false when the spacers are gone from the view. */
  rearm(root: Element): boolean {
    if (this.stopped) {
      return false;
    }
    if (this.before.isConnected && this.after.isConnected) {
      return true;
    }
    const before = find(root, this.beforeRef);
    const after = find(root, this.afterRef);
    this.unwatch();
    if (!before || !after) {
      this.stopped = true;
      return false;
    }
    this.before = before;
    this.after = after;
    this.pending.clear();
    this.watch();
    return true;
  }

  stop(): void {
    this.stopped = true;
    this.unwatch();
    this.pending.clear();
  }

  private watch(): void {
    const container = scrollContainer(this.before.parentElement);
    const scrolling = container ?? this.before.ownerDocument.documentElement;
    this.container = container;
    if (container) {
      if (this.scrollTop > 0 && container.scrollTop === 0) {
        container.scrollTop = this.scrollTop;
      }
      container.addEventListener('scroll', this.onScroll, { passive: true });
    }
    // The spacers change height as the user scrolls; the browser's scroll anchoring would "correct" for that and
    // fight the component.
    scrolling.style.overflowAnchor = 'none';
    this.fitTable();
    this.intersections = new IntersectionObserver((entries) => this.seen(entries), {
      root: container,
      rootMargin: `${this.rootMargin}px`,
    });
    this.intersections.observe(this.before);
    this.intersections.observe(this.after);
    this.mutations.observe(this.before, { attributes: true, attributeFilter: ['style'] });
    this.mutations.observe(this.after, { attributes: true, attributeFilter: ['style'] });
  }

  private unwatch(): void {
    this.intersections.disconnect();
    this.mutations.disconnect();
    this.container?.removeEventListener('scroll', this.onScroll);
  }

  // A spacer's style was patched (its height): observe it afresh, so one still in view reports its new size.
  private spacersChanged(records: MutationRecord[]): void {
    if (this.stopped) {
      return;
    }
    this.fitTable();
    this.pending.clear();
    for (const spacer of new Set(records.map((r) => r.target as HTMLElement))) {
      this.intersections.unobserve(spacer);
      this.intersections.observe(spacer);
    }
  }

  // Spacers inside a table's body (QuickGrid renders divs there) take the place of rows. The server's style patch
  // replaces the whole attribute, so this is applied again after each one.
  private fitTable(): void {
    const parent = this.after.parentElement;
    if (!parent || !TABLE_PARENTS.has(parent.localName)) {
      return;
    }
    for (const spacer of [this.before, this.after]) {
      if (spacer.style.display !== 'table-row') {
        spacer.style.display = 'table-row';
      }
    }
  }

  private seen(entries: IntersectionObserverEntry[]): void {
    if (this.stopped) {
      return;
    }
    for (const entry of entries) {
      const side: Side = entry.target === this.before ? 'before' : 'after';
      // A spacer of no height (nothing left on that side) is always "in view"; it has nothing to report.
      if (!entry.isIntersecting || (side === 'after' && this.after.offsetHeight <= 0)) {
        this.pending.delete(side);
        continue;
      }
      const separation = this.after.getBoundingClientRect().top - this.before.getBoundingClientRect().bottom;
      const container = entry.rootBounds?.height ?? this.before.ownerDocument.defaultView?.innerHeight ?? 0;
      // How far the spacer reaches past the visible area: above it for the spacer before, below it for the one after.
      const size = side === 'before'
        ? entry.intersectionRect.top - entry.boundingClientRect.top
        : entry.boundingClientRect.bottom - entry.intersectionRect.bottom;
      this.pending.set(side, [size, separation, container]);
    }
    this.send();
  }

  private send(): void {
    if (this.inFlight) {
      return;
    }
    const side: Side | undefined = this.pending.has('before') ? 'before' : this.pending.has('after') ? 'after' : undefined;
    if (side === undefined) {
      return;
    }
    const args = this.pending.get(side)!;
    this.pending.delete(side);
    this.inFlight = true;
    const done = () => {
      this.inFlight = false;
      if (!this.stopped) {
        this.send();
      }
    };
    this.helper.invokeMethodAsync(METHODS[side], ...args).then(done, done);
  }
}

/** The nearest ancestor that scrolls, or null for the page itself (the body or html is not a useful root). */
function scrollContainer(element: HTMLElement | null): HTMLElement | null {
  const doc = element?.ownerDocument;
  for (let el = element; el && el !== doc?.body && el !== doc?.documentElement; el = el.parentElement) {
    const overflow = doc!.defaultView!.getComputedStyle(el).overflowY;
    if (overflow !== '' && overflow !== 'visible' && overflow !== 'clip') {
      return el;
    }
  }
  return null;
}

function find(root: Element, reference: string | null): HTMLElement | null {
  if (reference === null) {
    return null;
  }
  for (const element of Array.from(root.querySelectorAll(`[${ProtocolConstants.TargetAttribute}]`))) {
    if (element.getAttribute(ProtocolConstants.TargetAttribute) === reference) {
      return element as HTMLElement;
    }
  }
  return null;
}

/** Puts `Blazor._internal.Virtualize` where Blazor's Virtualize component calls it. */
export function installVirtualize(win: Window, root: Element): VirtualizeRegistry {
  const registry = new VirtualizeRegistry(root);
  const globals = win as unknown as Record<string, unknown>;
  const blazor = (globals.Blazor ??= {}) as Record<string, unknown>;
  const internal = (blazor._internal ??= {}) as Record<string, unknown>;
  internal.Virtualize = {
    init: (helper: VirtualizeHelper, before: HTMLElement | null, after: HTMLElement | null, rootMargin?: number) =>
      registry.init(helper, before, after, rootMargin),
    dispose: (helper: VirtualizeHelper) => registry.dispose(helper),
  };
  return registry;
}
