export type Status = 'connected' | 'trouble' | 'lost' | 'expired';

export interface Stats {
  updates: number;
  fullRefreshes: number;
  /** Views the server rebuilt from saved state (after passivation or a failover), refreshed or not. */
  rebuilds: number;
  reconnects: number;
  transport: string;
}

/** Failures in a row after which the connection counts as lost rather than in trouble. */
const LOST_AFTER = 3;

const INDICATOR_ID = 'rf-indicator';
const RELOAD_ID = 'rf-reload';

/**
 * The connection status shown as html[data-rf-status] and by a small built-in indicator.
 * `expired` is final: nothing brings the page back except a reload.
 */
export class StatusTracker {
  readonly stats: Stats;
  private current: Status = 'connected';
  private failures = 0;

  constructor(private readonly doc: Document, transport: string) {
    this.stats = { updates: 0, fullRefreshes: 0, rebuilds: 0, reconnects: 0, transport };
    this.render();
  }

  get status(): Status {
    return this.current;
  }

  succeeded(): void {
    if (this.current === 'expired') {
      return;
    }
    this.failures = 0;
    if (this.current !== 'connected') {
      this.stats.reconnects++;
      this.set('connected');
    }
  }

  failed(): void {
    if (this.current === 'expired') {
      return;
    }
    this.failures++;
    this.set(this.failures >= LOST_AFTER ? 'lost' : 'trouble');
  }

  expired(): void {
    this.set('expired');
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
    if (!indicator) {
      indicator = this.doc.createElement('div');
      indicator.id = INDICATOR_ID;
      indicator.setAttribute('role', 'status');
      indicator.style.cssText = 'position:fixed;z-index:2147483647;bottom:1em;right:1em;padding:.5em 1em;' +
        'border-radius:4px;background:#333;color:#fff;font:14px/1.4 system-ui,sans-serif;' +
        'box-shadow:0 2px 8px rgba(0,0,0,.3)';
      this.doc.body.appendChild(indicator);
    }
    indicator.hidden = false;
    indicator.textContent = this.current === 'trouble' ? 'Connection trouble, retrying…'
      : this.current === 'lost' ? 'Connection lost. Reconnecting…'
        : 'This page has expired. ';
    if (this.current === 'expired') {
      const button = this.doc.createElement('button');
      button.id = RELOAD_ID;
      button.type = 'button';
      button.textContent = 'Reload';
      button.addEventListener('click', () => this.doc.defaultView?.location.reload());
      indicator.appendChild(button);
    }
  }
}
