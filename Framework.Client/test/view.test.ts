import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readMarkup } from '../src/markup';
import type { ServerMessage } from '../src/protocol';
import { shapeOf } from '../src/shape';
import { ServerError } from '../src/transport/transport';
import { StatusTracker } from '../src/status';
import { GAP_WAIT_MS, TOO_LARGE_NOTICE, View } from '../src/view';
import { FakeTransport, flush, makeView, VIEW } from './fakes';

/** A page whose root the browser parsed from `html`, with the shape the server wrote for it. */
function pageWithShape(html: string, shape: string): { root: HTMLElement; view: View; transport: FakeTransport } {
  document.body.innerHTML = `<div id="rf-root" data-rf-view="${VIEW}" data-rf-n="1" data-rf-shape="${shape}"></div>`;
  const root = document.getElementById('rf-root')!;
  root.innerHTML = html;
  const transport = new FakeTransport();
  const view = View.fromRoot(root, transport, new StatusTracker(document, transport.name));
  view.start();
  return { root, view, transport };
}

function update(n: number, text: string, url?: string): ServerMessage {
  return { t: 'update', view: VIEW, n, patches: [[1, [0, 0], text]], ...(url ? { url } : {}) };
}

beforeEach(() => {
  vi.useFakeTimers();
  history.replaceState(null, '', '/start');
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('view ordering', () => {
  it('applies updates in order and counts them', () => {
    const { root, view, status } = makeView('<p>0</p>');
    view.receive([update(2, 'two'), update(3, 'three')]);
    expect(root.innerHTML).toBe('<p>three</p>');
    expect(view.currentN()).toBe(3);
    expect(root.getAttribute('data-rf-n')).toBe('3');
    expect(status.stats.updates).toBe(2);
  });

  it('ignores an update it already applied', () => {
    const { root, view, status } = makeView('<p>0</p>');
    view.receive([update(2, 'two')]);
    view.receive([update(2, 'again'), update(1, 'old')]);
    expect(root.innerHTML).toBe('<p>two</p>');
    expect(status.stats.updates).toBe(1);
  });

  it('adopts the new view id of a refresh from a server that started the page afresh', () => {
    const { root, view, status } = makeView('<p>0</p>');
    view.receive([update(2, 'two')]);
    view.receive([{ t: 'refresh', view: 'fresh-view', n: 2, html: '<p>new</p>' }]);
    expect(view.viewId).toBe('fresh-view');
    expect(root.getAttribute('data-rf-view')).toBe('fresh-view');
    expect(root.innerHTML).toBe('<p>new</p>');
    expect(view.currentN()).toBe(2);
    view.receive([{ t: 'update', view: 'fresh-view', n: 3, patches: [[1, [0, 0], 'three']] }]);
    expect(root.innerHTML).toBe('<p>three</p>');
    expect(status.stats.fullRefreshes).toBe(1);
  });

  it('counts a view rebuilt from saved state whether it is refreshed or continues with a plain update', () => {
    const { view, status } = makeView('<p>0</p>');
    view.receive([{ ...update(2, 'two'), rebuilt: true } as ServerMessage]);
    view.receive([{ t: 'refresh', view: VIEW, n: 4, html: '<p>four</p>', rebuilt: true }]);
    expect(status.stats.rebuilds).toBe(2);
    expect(status.stats.updates).toBe(1);
    expect(status.stats.fullRefreshes).toBe(1);
  });

  it('ignores an update for another view', () => {
    const { root, view } = makeView('<p>0</p>');
    view.receive([{ t: 'update', view: 'other', n: 2, patches: [[1, [0, 0], 'x']] }]);
    expect(root.innerHTML).toBe('<p>0</p>');
  });

  it('holds back an update after a gap until the missing one arrives', () => {
    const { root, view, transport } = makeView('<p>0</p>');
    view.receive([update(3, 'three')]);
    expect(root.innerHTML).toBe('<p>0</p>');
    view.receive([update(2, 'two')]);
    expect(root.innerHTML).toBe('<p>three</p>');
    expect(view.currentN()).toBe(3);
    vi.advanceTimersByTime(GAP_WAIT_MS * 2);
    expect(transport.sent).toEqual([]);
  });

  it('resyncs when a gap stays open a second after the answer that carried it', async () => {
    const { root, view, transport, status } = makeView('<p>0</p>');
    view.receive([update(3, 'three')]);
    vi.advanceTimersByTime(GAP_WAIT_MS - 1);
    expect(transport.sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(transport.sent).toEqual([{ t: 'resync', view: VIEW, n: 1, url: window.location.href }]);
    await transport.answer([{ t: 'refresh', view: VIEW, n: 4, html: '<p>four</p>' }]);
    expect(root.innerHTML).toBe('<p>four</p>');
    expect(view.currentN()).toBe(4);
    expect(status.stats.fullRefreshes).toBe(1);
  });

  it('applies a refresh at once and drops the held updates it covers', () => {
    const { root, view } = makeView('<p>0</p>');
    view.receive([update(3, 'three'), update(6, 'six')]);
    view.receive([{ t: 'refresh', view: VIEW, n: 5, html: '<p>five</p>' }]);
    expect(root.innerHTML).toBe('<p>six</p>');
    expect(view.currentN()).toBe(6);
  });

  // Regression: a refresh replaced every element, so QuickGrid's module, given its table at init, went on watching a
  // detached table and never closed its column options on a click outside them again.
  it('keeps the elements a refresh leaves in place, so JavaScript holding them goes on working', () => {
    const { root, view } = makeView('<div><table data-rf="grid|3"><thead><tr><th>Id</th></tr></thead></table><p>1</p></div>');
    const table = root.querySelector('table')!;
    view.receive([{ t: 'refresh', view: VIEW, n: 2,
      html: '<div><table data-rf="grid|3"><thead><tr><th>Id<div class="col-options"></div></th></tr></thead></table><p>2</p></div>' }]);
    expect(root.querySelector('table')).toBe(table);
    expect(table.tHead!.querySelector('.col-options')).not.toBeNull();
    expect(root.querySelector('p')!.textContent).toBe('2');
  });

  it('ignores a refresh older than the current view', () => {
    const { root, view } = makeView('<p>0</p>', 4);
    view.receive([{ t: 'refresh', view: VIEW, n: 3, html: '<p>old</p>' }]);
    expect(root.innerHTML).toBe('<p>0</p>');
  });

  it('resyncs when a patch does not fit and applies nothing until the refresh', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { root, view, transport } = makeView('<p>0</p>');
    view.receive([{ t: 'update', view: VIEW, n: 2, patches: [[1, [0, 0], 'a'], [1, [4, 4], 'b']] }]);
    expect(view.currentN()).toBe(1);
    expect(transport.sent).toEqual([{ t: 'resync', view: VIEW, n: 1, url: window.location.href }]);
    view.receive([update(3, 'three')]);
    expect(root.innerHTML).toBe('<p>a</p>');
    await transport.answer([{ t: 'refresh', view: VIEW, n: 3, html: '<p>fresh</p>' }]);
    expect(root.innerHTML).toBe('<p>fresh</p>');
    expect(view.currentN()).toBe(3);
  });

  // Regression: a refresh went through innerHTML, so the parser rewrote it again and the next update missed again:
  // every update became a resync and a refresh.
  it('builds a refresh the parser would rewrite as the server wrote it, so the next update applies', () => {
    const { root, view, transport } = makeView('<p>0</p>');
    view.receive([{ t: 'refresh', view: VIEW, n: 2, html: '<p>In: <div>a block</div><span>2</span></p>' }]);
    view.receive([{ t: 'update', view: VIEW, n: 3, patches: [[1, [0, 2, 0], '3']] }]);
    expect(root.innerHTML).toBe('<p>In: <div>a block</div><span>3</span></p>');
    expect(view.currentN()).toBe(3);
    expect(transport.sent).toEqual([]);
  });

  it('selects the option a refresh marks selected inside an optgroup', () => {
    const { root, view } = makeView('<p>0</p>');
    view.receive([{ t: 'refresh', view: VIEW, n: 2, html: '<select><optgroup label="w"><option value="a">A</option>' +
      '<option value="b" selected="">B</option></optgroup></select>' }]);
    expect((root.firstChild as HTMLSelectElement).value).toBe('b');
  });

  it('takes a refresh that is not the server writer\'s HTML as the browser parses it', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { root, view } = makeView('<p>0</p>');
    view.receive([{ t: 'refresh', view: VIEW, n: 2, html: '<p>unclosed' }]);
    expect(root.innerHTML).toBe('<p>unclosed</p>');
    expect(view.currentN()).toBe(2);
  });

  // Regression: the first page was whatever the parser made of the server's HTML, and patches below the repair missed.
  it('asks for a refresh when the page parsed into another shape than the server rendered', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const served = '<p>In: <div>a block</div><span>1</span></p>';
    const { root, view, transport } = pageWithShape(served, shapeOf(readMarkup(document, served)));
    expect(root.innerHTML).not.toBe(served);
    expect(root.hasAttribute('data-rf-shape')).toBe(false);
    expect(transport.sent).toEqual([{ t: 'resync', view: VIEW, n: 1, url: window.location.href }]);

    view.receive([{ t: 'update', view: VIEW, n: 2, patches: [[1, [0, 2, 0], '2']] }]);
    await transport.answer([{ t: 'refresh', view: VIEW, n: 2, html: '<p>In: <div>a block</div><span>2</span></p>' }]);
    view.receive([{ t: 'update', view: VIEW, n: 3, patches: [[1, [0, 2, 0], '3']] }]);

    expect(root.innerHTML).toBe('<p>In: <div>a block</div><span>3</span></p>');
    expect(view.currentN()).toBe(3);
  });

  it('takes the page as it is when it parsed into the shape the server rendered', () => {
    const served = '<p>Count: <span>1</span></p><ul><li>a</li></ul>';
    const { transport } = pageWithShape(served, shapeOf(readMarkup(document, served)));
    expect(transport.sent).toEqual([]);
  });

  const missingTargets: Array<[string, unknown[]]> = [
    ['a text', [1, [0, 3], 'x']],
    ['an attribute', [2, [2], 'class', 'x']],
    ['an insert', [4, [0, 0, 1], 0, '<i></i>']],
    ['a remove', [5, [1, 0]]],
    ['a move', [6, [0], 0, 4]],
    ['a replace', [7, [0, 1], '<i></i>']],
  ];
  for (const [what, patch] of missingTargets) {
    it(`resyncs instead of going silent when ${what} patch finds no target`, () => {
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      const { root, view, transport } = makeView('<p>0</p>');
      view.receive([{ t: 'update', view: VIEW, n: 2, patches: [patch as never] }]);
      expect(transport.sent).toEqual([{ t: 'resync', view: VIEW, n: 1, url: window.location.href }]);
      expect(root.innerHTML).toBe('<p>0</p>');
      expect(view.currentN()).toBe(1);
    });
  }

  it('is not ready for the next poll until the resync was answered', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { view, transport } = makeView('<p>0</p>');
    let ready = false;
    view.receive([{ t: 'update', view: VIEW, n: 2, patches: [[5, [3]]] }]);
    void view.whenReady().then(() => { ready = true; });
    await flush();
    expect(ready).toBe(false);
    await transport.answer([{ t: 'refresh', view: VIEW, n: 2, html: '<p>2</p>' }]);
    expect(ready).toBe(true);
  });

  it('asks again a second later when the resync answer did not bring the view back', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { view, transport } = makeView('<p>0</p>');
    view.receive([{ t: 'update', view: VIEW, n: 2, patches: [[5, [3]]] }]);
    await transport.answer([]);
    expect(transport.sent).toHaveLength(1);
    vi.advanceTimersByTime(GAP_WAIT_MS);
    expect(transport.sent).toEqual([{ t: 'resync', view: VIEW, n: 1, url: window.location.href }, { t: 'resync', view: VIEW, n: 1, url: window.location.href }]);
  });

  it('applies a refresh url to the history', () => {
    const { view } = makeView('<p>0</p>');
    view.receive([{ t: 'refresh', view: VIEW, n: 3, html: '<p>x</p>', url: '/other' }]);
    expect(location.pathname).toBe('/other');
  });

  it('pushes the url of an update to the history unless it is current', () => {
    const { view } = makeView('<p>0</p>');
    const push = vi.spyOn(history, 'pushState');
    view.receive([update(2, 'two', '/cart?x=1')]);
    expect(location.pathname + location.search).toBe('/cart?x=1');
    view.receive([update(3, 'three', '/cart?x=1')]);
    expect(push).toHaveBeenCalledTimes(1);
  });

  it('replaces the history entry with the url of an update that says replace', () => {
    const { view } = makeView('<p>0</p>');
    const push = vi.spyOn(history, 'pushState');
    const replace = vi.spyOn(history, 'replaceState');
    view.receive([{ ...update(2, 'two', '/replaced'), replace: true } as ServerMessage]);
    expect(location.pathname).toBe('/replaced');
    expect(replace).toHaveBeenCalledTimes(1);
    expect(push).not.toHaveBeenCalled();
  });

  it('loads the url of a location message', () => {
    const { view } = makeView('<p>0</p>');
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => {});
    view.receive([{ t: 'location', url: 'https://example.org/' }]);
    expect(assign).toHaveBeenCalledWith('https://example.org/');
  });
});

describe('view send queue', () => {
  it('sends one message at a time in the order the events happened', async () => {
    const { view, transport } = makeView('<p>0</p>');
    view.event('root/1#0', 'click', { button: 0 });
    view.event('root/2#0', 'input', { value: 'a' });
    view.navigate('http://localhost:3000/next');
    expect(transport.sent).toEqual([
      { t: 'event', view: VIEW, n: 1, id: 1, target: 'root/1#0', name: 'click', args: { button: 0 }, url: window.location.href },
    ]);
    await transport.answer([update(2, 'two')]);
    expect(transport.sent).toHaveLength(2);
    expect(transport.sent[1]).toEqual(
      { t: 'event', view: VIEW, n: 2, id: 2, target: 'root/2#0', name: 'input', args: { value: 'a' }, url: window.location.href });
    await transport.answer([]);
    expect(transport.sent[2]).toEqual({ t: 'nav', view: VIEW, n: 2, id: 3, url: 'http://localhost:3000/next' });
  });

  it('goes on with the queue after a final error', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { view, transport } = makeView('<p>0</p>');
    view.event('a', 'click', {});
    view.event('b', 'click', {});
    await transport.fail(new ServerError(409, 'no-handler', 'gone'));
    expect(transport.sent.map((m) => m.t === 'event' && m.target)).toEqual(['a', 'b']);
    expect(console.warn).toHaveBeenCalledWith('RazorFaces: 409 no-handler: gone');
  });

  it('drops a message the server refused as too large, tells the user, and sends the next one', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { root, view, transport, status } = makeView('<p>0</p>');
    view.event('text', 'input', { value: 'x'.repeat(40_000) });
    view.event('text', 'input', { value: 'milk' });
    await transport.fail(new ServerError(413, 'too-large', 'The message is larger than the limit of 32768 bytes.'));

    expect(document.getElementById('rf-notice')?.textContent).toBe(TOO_LARGE_NOTICE);
    expect(status.stats.dropped).toBe(1);
    expect(status.status).toBe('connected');
    expect(transport.sent).toHaveLength(2);
    expect(transport.sent[1]).toMatchObject({ t: 'event', args: { value: 'milk' } });
    await transport.answer([update(2, 'milk')]);
    expect(root.innerHTML).toBe('<p>milk</p>');
    expect(transport.stopped).toBe(false);
  });

  it('marks the page expired on 410 and stops', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { view, transport, status } = makeView('<p>0</p>');
    view.event('a', 'click', {});
    await transport.fail(new ServerError(410, 'session-expired', 'gone'));
    expect(status.status).toBe('expired');
    expect(transport.stopped).toBe(true);
    expect(document.getElementById('rf-reload')).not.toBeNull();
  });

  it('stops a tab whose view was evicted for the session cap, shows closed with a reload button, and does not reload', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    sessionStorage.clear();
    const reload = vi.spyOn(location, 'reload').mockImplementation(() => {});
    const { view, transport, status } = makeView('<p>0</p>');
    view.event('a', 'click', {});
    await transport.fail(new ServerError(409, 'view-evicted', 'too many views'));
    expect(status.status).toBe('closed');
    expect(transport.stopped).toBe(true);
    expect(reload).not.toHaveBeenCalled();
    expect(document.getElementById('rf-reload')).not.toBeNull();
    status.succeeded();
    expect(status.status).toBe('closed');
  });

  it('reloads on an unknown view at most once in ten seconds', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    sessionStorage.clear();
    const reload = vi.spyOn(location, 'reload').mockImplementation(() => {});
    const first = makeView('<p>0</p>');
    first.view.event('a', 'click', {});
    await first.transport.fail(new ServerError(404, 'unknown-view', 'no'));
    expect(reload).toHaveBeenCalledTimes(1);
    const second = makeView('<p>0</p>');
    second.view.event('a', 'click', {});
    await second.transport.fail(new ServerError(404, 'unknown-view', 'no'));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reloads once when a server of a newer build says the client is outdated, and not again at once', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    sessionStorage.clear();
    const reload = vi.spyOn(location, 'reload').mockImplementation(() => {});
    const first = makeView('<p>0</p>');
    first.view.event('a', 'click', {});
    await first.transport.fail(new ServerError(409, 'client-outdated', 'reload'));
    expect(reload).toHaveBeenCalledTimes(1);
    const second = makeView('<p>0</p>');
    second.view.event('a', 'click', {});
    await second.transport.fail(new ServerError(409, 'client-outdated', 'reload'));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('keeps the view for the page it reloads when the client is outdated: resume cookie set, no close sent', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    sessionStorage.clear();
    document.cookie = 'rf-resume=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
    vi.spyOn(location, 'reload').mockImplementation(() => {});
    const { view, transport } = makeView('<p>0</p>');
    view.event('a', 'click', {});
    await transport.fail(new ServerError(409, 'client-outdated', 'reload'));
    view.close();
    expect(document.cookie).toContain(`rf-resume=${VIEW}`);
    expect(transport.closed).toBeNull();
  });

  it('continues the event ids of the view a reload resumed, so the server does not drop them as repeats', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    sessionStorage.clear();
    vi.spyOn(location, 'reload').mockImplementation(() => {});
    const before = makeView('<p>0</p>');
    before.view.event('a', 'click', {});
    await before.transport.fail(new ServerError(409, 'client-outdated', 'reload'));

    const after = makeView('<p>0</p>');
    after.view.event('a', 'click', {});
    await flush();

    expect(after.transport.sent[0]).toMatchObject({ t: 'event', id: 2 });
  });

  it('still closes the view when it reloaded for a view nobody has (nothing to resume)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    sessionStorage.clear();
    vi.spyOn(location, 'reload').mockImplementation(() => {});
    const { view, transport } = makeView('<p>0</p>');
    view.event('a', 'click', {});
    await transport.fail(new ServerError(404, 'unknown-view', 'no'));
    view.close();
    expect(transport.closed).toEqual({ t: 'close', view: VIEW });
  });

  it('loads the link target in full when the server refuses a nav', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => {});
    const { view, transport } = makeView('<p>0</p>');
    view.navigate('http://localhost:3000/elsewhere');
    await transport.fail(new ServerError(403, 'bad-token', 'stale'));
    expect(assign).toHaveBeenCalledWith('http://localhost:3000/elsewhere');
  });

  it('sends close with the view id when the tab goes away', () => {
    const { view, transport } = makeView('<p>0</p>');
    view.close();
    expect(transport.closed).toEqual({ t: 'close', view: VIEW });
    expect(transport.stopped).toBe(true);
  });

  it('takes the n of a later message at send time', async () => {
    const { view, transport } = makeView('<p>0</p>');
    view.event('a', 'click', {});
    view.event('b', 'click', {});
    transport.host!.receive([update(2, 'pushed')]);
    await flush();
    await transport.answer([]);
    expect(transport.sent[1]).toMatchObject({ target: 'b', n: 2, id: 2 });
  });
});
