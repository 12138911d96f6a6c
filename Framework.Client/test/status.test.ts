import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOTICE_MS, StatusTracker } from '../src/status';

const html = () => document.documentElement.dataset.rfStatus;
const indicator = () => document.getElementById('rf-indicator');

afterEach(() => vi.useRealTimers());

beforeEach(() => {
  document.body.innerHTML = '';
  delete document.documentElement.dataset.rfStatus;
});

describe('status', () => {
  it('starts connected with the indicator hidden', () => {
    const status = new StatusTracker(document, 'longpoll');
    expect(status.status).toBe('connected');
    expect(html()).toBe('connected');
    expect(indicator()?.hidden ?? true).toBe(true);
  });

  it('goes trouble at the first failure, lost at the third, connected on success', () => {
    const status = new StatusTracker(document, 'longpoll');
    status.failed();
    expect(html()).toBe('trouble');
    expect(indicator()!.hidden).toBe(false);
    status.failed();
    expect(html()).toBe('trouble');
    status.failed();
    expect(html()).toBe('lost');
    status.succeeded();
    expect(html()).toBe('connected');
    expect(indicator()!.hidden).toBe(true);
    expect(status.stats.reconnects).toBe(1);
    status.failed();
    expect(html()).toBe('trouble');
  });

  it('stays expired and offers a reload button', () => {
    const status = new StatusTracker(document, 'longpoll');
    status.expired();
    status.succeeded();
    status.failed();
    expect(html()).toBe('expired');
    expect(document.querySelectorAll('#rf-indicator')).toHaveLength(1);
    expect(document.getElementById('rf-reload')).not.toBeNull();
  });

  it('counts only recoveries as reconnects', () => {
    const status = new StatusTracker(document, 'longpoll');
    status.succeeded();
    status.succeeded();
    expect(status.stats.reconnects).toBe(0);
  });

  it('shows a notice as an alert for a while without changing the status', () => {
    vi.useFakeTimers();
    const status = new StatusTracker(document, 'signalr');
    status.notice('first');
    status.notice('second');

    const notice = document.getElementById('rf-notice')!;
    expect(document.querySelectorAll('#rf-notice')).toHaveLength(1);
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.textContent).toBe('second');
    expect(notice.hidden).toBe(false);
    expect(html()).toBe('connected');
    vi.advanceTimersByTime(NOTICE_MS);
    expect(notice.hidden).toBe(true);
  });
});
