import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const calls: Array<{ url: string; init: RequestInit }> = [];

beforeAll(async () => {
  document.head.innerHTML = '<meta name="rf-token" content="TOKEN">';
  document.body.innerHTML = '<div id="rf-root" data-rf-view="h3Jd9Qe0SUy8Zb3Fq1mW0A" data-rf-n="4">' +
    '<button data-rf="root/1#0" data-rf-on="click">+</button></div>';
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Promise<Response>(() => {});
  });
  await import('../src/index');
});

afterAll(() => vi.unstubAllGlobals());

describe('boot', () => {
  it('publishes the live status and stats on window.RazorFaces', () => {
    expect(window.RazorFaces!.status).toBe('connected');
    expect(window.RazorFaces!.stats).toEqual({ updates: 0, fullRefreshes: 0, rebuilds: 0, reconnects: 0, dropped: 0, transport: 'longpoll' });
    expect(document.documentElement.dataset.rfStatus).toBe('connected');
  });

  it('starts polling for the view with its number and the page token', () => {
    const poll = calls.find((c) => c.url.startsWith('/_rf/poll'))!;
    expect(poll.url).toBe(`/_rf/poll?view=h3Jd9Qe0SUy8Zb3Fq1mW0A&n=4&url=${encodeURIComponent(window.location.href)}`);
    expect((poll.init.headers as Record<string, string>)['X-RF-Token']).toBe('TOKEN');
  });

  it('sends a click on a handled element as event 1', () => {
    document.querySelector('button')!.click();
    const send = calls.find((c) => c.url === '/_rf/send')!;
    expect(JSON.parse(send.init.body as string)).toMatchObject(
      { t: 'event', view: 'h3Jd9Qe0SUy8Zb3Fq1mW0A', n: 4, id: 1, target: 'root/1#0', name: 'click' });
  });
});
