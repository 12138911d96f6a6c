import type { ClientMessage } from './protocol';

/**
 * High-frequency events: while one of them waits to be sent, a newer one of the same element and name replaces its
 * arguments instead of queueing behind it, so a burst costs about two round trips and the last position arrives.
 */
export const COALESCED_EVENTS: ReadonlySet<string> = new Set([
  'mousemove', 'pointermove', 'touchmove', 'scroll', 'wheel', 'mousewheel', 'drag', 'dragover',
]);

/** One message waiting to be sent: built only when it goes, so it carries the latest applied n. */
export interface Outgoing {
  build(): ClientMessage;
  /** Set for a coalesced event: its target and name. */
  coalesce?: string;
  args?: object;
  /** Take the busy marks of its element off. */
  release: Array<() => void>;
}

/** The view's messages waiting behind the one in flight, in the order they happened. */
export class SendQueue {
  private readonly waiting: Outgoing[] = [];

  /** The key under which an event of `name` merges with a queued one of its target, if it is high-frequency. */
  static coalesceKey(target: string, name: string): string | undefined {
    return COALESCED_EVENTS.has(name) ? `${target} ${name}` : undefined;
  }

  /**
   * Gives the last waiting message the newer `args` when it is the same high-frequency event; only the last, so
   * an event never overtakes one that happened in between.
   */
  coalesce(key: string | undefined, args: object): boolean {
    const last = this.waiting[this.waiting.length - 1];
    if (key === undefined || last?.coalesce !== key) {
      return false;
    }
    last.args = args;
    return true;
  }

  push(outgoing: Outgoing): void {
    this.waiting.push(outgoing);
  }

  shift(): Outgoing | undefined {
    return this.waiting.shift();
  }

  /** The view stopped: nothing waiting will be answered, so no element stays busy for it. */
  releaseAll(): void {
    for (const outgoing of this.waiting) {
      outgoing.release.forEach((release) => release());
    }
  }
}
