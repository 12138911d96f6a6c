import { beforeEach, describe, expect, it } from 'vitest';
import { StatusTracker } from '../src/status';

const html = () => document.documentElement.dataset.rfStatus;
const indicator = () => document.getElementById('rf-indicator');

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
});
