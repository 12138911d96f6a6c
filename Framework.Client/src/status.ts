export type Status = 'connected' | 'trouble' | 'lost' | 'expired' | 'closed';

/** Statuses nothing brings back except a reload. */
const FINAL: readonly Status[] = ['expired', 'closed'];

export interface Stats {
  updates: number;
  fullRefreshes: number;
  /** Views the server rebuilt from saved state (after passivation or a failover), refreshed or not. */
  rebuilds: number;
  reconnects: number;
  /** Messages the server refused as too large: dropped, and the user told (see {@link StatusTracker.notice}). */
  dropped: number;
  transport: string;
}

/** Failures in a row after which the connection counts as lost rather than in trouble. */
const LOST_AFTER = 3;

const INDICATOR_ID = 'rf-indicator';
const RELOAD_ID = 'rf-reload';
const NOTICE_ID = 'rf-notice';

/** How long a notice stays on screen. */
export const NOTICE_MS = 8000;

/**
 * The connection status shown as html[data-rf-status] and by a small built-in indicator.
 * `expired` and `closed` (the server dropped this tab's view for its session's cap) are final: nothing brings the
 * page back except a reload.
 */
export class StatusTracker {
  readonly stats: Stats;
  private current: Status = 'connected';
  private failures = 0;
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly doc: Document, transport: string) {
    this.stats = { updates: 0, fullRefreshes: 0, rebuilds: 0, reconnects: 0, dropped: 0, transport };
    this.render();
  }

  get status(): Status {
    return this.current;
  }

  succeeded(): void {
    if (FINAL.includes(this.current)) {
      return;
    }
    this.failures = 0;
    if (this.current !== 'connected') {
      this.stats.reconnects++;
      this.set('connected');
    }
  }

  failed(): void {
    if (FINAL.includes(this.current)) {
      return;
    }
    this.failures++;
    this.set(this.failures >= LOST_AFTER ? 'lost' : 'trouble');
  }

  expired(): void {
    this.set('expired');
  }

  /** The server dropped this tab's view because its session has too many open (`view-evicted`). */
  closed(): void {
    this.set('closed');
  }

  /**
   * Tells the user that something they did was not carried out, while the connection is fine (the status does not
   * change): a small alert for {@link NOTICE_MS}.
   */
  notice(text: string): void {
    const notice = this.overlay(NOTICE_ID, 'alert', 'left:1em;max-width:30em;background:#8a1f11');
    notice.textContent = text;
    notice.hidden = false;
    if (this.noticeTimer !== null) {
      clearTimeout(this.noticeTimer);
    }
    const shown = notice;
    this.noticeTimer = setTimeout(() => {
      this.noticeTimer = null;
      shown.hidden = true;
    }, NOTICE_MS);
  }

  /**
   * The fixed box with `id` at the bottom of the page, created on first use; `placement` adds its side, width and
   * colour. Styled through the CSSOM, not a style attribute: a content security policy without 'unsafe-inline'
   * allows it.
   */
  private overlay(id: string, role: string, placement: string): HTMLElement {
    let box = this.doc.getElementById(id);
    if (!box) {
      box = this.doc.createElement('div');
      box.id = id;
      box.setAttribute('role', role);
      box.style.cssText = 'position:fixed;z-index:2147483647;bottom:1em;padding:.5em 1em;border-radius:4px;color:#fff;' +
        'font:14px/1.4 system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.3);' + placement;
      this.doc.body.appendChild(box);
    }
    return box;
  }

  private set(status: Status): void {
    if (status !== this.current) {
      this.current = status;
      this.render();
    }
  }

  private render(): void {
    this.doc.documentElement.dataset.rfStatus = this.current;
    let indicator = this.doc.getElementById(INDICATOR_ID);
    if (this.current === 'connected') {
      if (indicator) {
        indicator.hidden = true;
      }
      return;
    }
    indicator ??= this.overlay(INDICATOR_ID, 'status', 'right:1em;background:#333');
    indicator.hidden = false;
    indicator.textContent = this.current === 'trouble' ? 'Connection trouble, retrying…'
      : this.current === 'lost' ? 'Connection lost. Reconnecting…'
        : this.current === 'closed' ? 'This tab was closed: too many tabs of this site are open. '
          : 'This page has expired. ';
    if (FINAL.includes(this.current)) {
      const button = this.doc.createElement('button');
      button.id = RELOAD_ID;
      button.type = 'button';
      button.textContent = 'Reload';
      button.addEventListener('click', () => this.doc.defaultView?.location.reload());
      indicator.appendChild(button);
    }
  }
}
