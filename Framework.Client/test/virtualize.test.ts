import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installGlobals } from '../src/interop';
import type { DotNetMessage, JSCallMessage, ServerMessage } from '../src/protocol';
import { installVirtualize, VirtualizeRegistry, type VirtualizeHelper } from '../src/virtualize';
import { flush, makeView, VIEW } from './fakes';

// happy-dom lays nothing out: the tests give the spacers their geometry and play the IntersectionObserver.
class FakeIntersectionObserver {
  static all: FakeIntersectionObserver[] = [];
  readonly observed = new Set<Element>();
  disconnected = false;

  constructor(readonly callback: IntersectionObserverCallback, readonly options: IntersectionObserverInit) {
    FakeIntersectionObserver.all.push(this);
  }

  observe(target: Element): void {
    this.observed.add(target);
  }

  unobserve(target: Element): void {
    this.observed.delete(target);
  }

  disconnect(): void {
    this.disconnected = true;
    this.observed.clear();
  }

  /** The browser reports `target` visible: `top`/`bottom` of its box and of the part in view, in a container `height` tall. */
  report(target: Element, box: { top: number; bottom: number }, visible: { top: number; bottom: number } | null, height = 300): void {
    expect(this.observed.has(target)).toBe(true);
    const rect = (r: { top: number; bottom: number }) => ({ ...r, height: r.bottom - r.top }) as DOMRectReadOnly;
    this.callback([{
      target,
      isIntersecting: visible !== null,
      boundingClientRect: rect(box),
      intersectionRect: rect(visible ?? { top: 0, bottom: 0 }),
      rootBounds: rect({ top: 0, bottom: height }),
    } as unknown as IntersectionObserverEntry], this as unknown as IntersectionObserver);
  }
}

const live = () => FakeIntersectionObserver.all.filter((o) => !o.disconnected);

function layout(element: Element, top: number, height: number): void {
  element.getBoundingClientRect = () => ({ top, bottom: top + height, height } as DOMRect);
  Object.defineProperty(element, 'offsetHeight', { configurable: true, get: () => height });
}

class Helper implements VirtualizeHelper {
  readonly calls: { method: string; args: unknown[]; finish(): void }[] = [];
  disposed = false;

  invokeMethodAsync(method: string, ...args: unknown[]): Promise<unknown> {
    return new Promise((resolve) => this.calls.push({ method, args, finish: () => resolve(null) }));
  }

  dispose(): void {
    this.disposed = true;
  }
}

const globals = window as unknown as Record<string, unknown>;
let saved: unknown;

beforeEach(() => {
  FakeIntersectionObserver.all = [];
  saved = globals.IntersectionObserver;
  globals.IntersectionObserver = FakeIntersectionObserver;
});

afterEach(() => {
  globals.IntersectionObserver = saved;
  delete globals.Blazor;
  delete globals.DotNet;
});

function page(html: string): { root: HTMLElement; registry: VirtualizeRegistry; before: HTMLElement; after: HTMLElement } {
  document.body.innerHTML = `<div id="rf-root">${html}</div>`;
  const root = document.getElementById('rf-root')!;
  return {
    root,
    registry: new VirtualizeRegistry(root),
    before: root.querySelector('[data-rf="b"]') as HTMLElement,
    after: root.querySelector('[data-rf="a"]') as HTMLElement,
  };
}

const LIST = '<div id="list" style="overflow-y: auto; height: 300px"><div data-rf="b" style="height: 0px"></div><p>items</p><div data-rf="a" style="height: 9000px"></div></div>';

describe('Blazor._internal.Virtualize', () => {
  it('observes both spacers in their scroll container with the root margin the component asks for', () => {
    const { registry, before, after, root } = page(LIST);

    registry.init(new Helper(), before, after, 50);

    const [observer] = live();
    expect(observer.options.root).toBe(root.querySelector('#list'));
    expect(observer.options.rootMargin).toBe('50px');
    expect([...observer.observed]).toEqual([before, after]);
    expect((root.querySelector('#list') as HTMLElement).style.overflowAnchor).toBe('none');
  });

  it('observes the page itself when no ancestor scrolls', () => {
    const { registry, before, after } = page('<div data-rf="b"></div><div data-rf="a"></div>');

    registry.init(new Helper(), before, after);

    expect(live()[0].options.root).toBeNull();
  });

  it('reports how far the spacer after reaches below the view, the items between the spacers and the view\'s height', async () => {
    const { registry, before, after } = page(LIST);
    const helper = new Helper();
    registry.init(helper, before, after);
    layout(before, 0, 0);
    layout(after, 200, 9000);

    live()[0].report(after, { top: 200, bottom: 9200 }, { top: 200, bottom: 350 });

    expect(helper.calls.map((c) => [c.method, c.args])).toEqual([['OnSpacerAfterVisible', [8850, 200, 300]]]);
  });

  it('reports how far the spacer before reaches above the view', () => {
    const { registry, before, after } = page(LIST);
    const helper = new Helper();
    registry.init(helper, before, after);
    layout(before, -4000, 4100);
    layout(after, 400, 5000);

    live()[0].report(before, { top: -4000, bottom: 100 }, { top: -50, bottom: 100 });

    expect(helper.calls.map((c) => [c.method, c.args])).toEqual([['OnSpacerBeforeVisible', [3950, 300, 300]]]);
  });

  it('says nothing of a spacer out of view, or of an empty spacer after (all items are shown)', () => {
    const { registry, before, after } = page(LIST);
    const helper = new Helper();
    registry.init(helper, before, after);
    layout(after, 500, 0);

    live()[0].report(before, { top: -900, bottom: -800 }, null);
    live()[0].report(after, { top: 500, bottom: 500 }, { top: 500, bottom: 500 });

    expect(helper.calls).toEqual([]);
  });

  it('keeps one report in flight and sends only the latest one seen meanwhile', async () => {
    const { registry, before, after } = page(LIST);
    const helper = new Helper();
    registry.init(helper, before, after);
    layout(before, 0, 0);
    layout(after, 200, 9000);
    const observer = live()[0];

    observer.report(after, { top: 200, bottom: 9200 }, { top: 200, bottom: 300 });
    observer.report(after, { top: 150, bottom: 9150 }, { top: 150, bottom: 300 });
    observer.report(after, { top: 100, bottom: 9100 }, { top: 100, bottom: 300 });
    expect(helper.calls).toHaveLength(1);
    helper.calls[0].finish();
    await flush();

    expect(helper.calls.map((c) => c.args[0])).toEqual([8900, 8800]);
  });

  it('drops what it saw while in flight when a patch then changed a spacer, and observes that spacer afresh', async () => {
    const { registry, before, after } = page(LIST);
    const helper = new Helper();
    registry.init(helper, before, after);
    layout(before, 0, 0);
    layout(after, 200, 9000);
    const observer = live()[0];
    observer.report(after, { top: 200, bottom: 9200 }, { top: 200, bottom: 300 });
    observer.report(after, { top: 150, bottom: 9150 }, { top: 150, bottom: 300 });
    let reobserved = false;
    observer.unobserve = (target) => {
      reobserved ||= target === after;
      observer.observed.delete(target);
    };

    after.setAttribute('style', 'height: 8000px');
    await flush();
    helper.calls[0].finish();
    await flush();

    expect(reobserved).toBe(true);
    expect(helper.calls).toHaveLength(1);
    // The fresh observation that follows is reported.
    observer.report(after, { top: 1200, bottom: 9200 }, { top: 1200, bottom: 1250 });
    expect(helper.calls[1].args[0]).toBe(7950);
  });

  it('shows spacers in a table body as rows, again after the server patched their style', async () => {
    // Built with DOM calls, as the client reads the server's markup: the HTML parser would move the divs out.
    const { root, registry } = page('<table><tbody></tbody></table>');
    const [before, after] = ['b', 'a'].map((reference) => {
      const spacer = document.createElement('div');
      spacer.setAttribute('data-rf', reference);
      spacer.setAttribute('style', 'height: 0px');
      root.querySelector('tbody')!.append(spacer);
      return spacer;
    });

    registry.init(new Helper(), before, after);
    expect([before.style.display, after.style.display]).toEqual(['table-row', 'table-row']);
    after.setAttribute('style', 'height: 60px');
    await flush();

    expect(after.style.display).toBe('table-row');
    expect(after.style.height).toBe('60px');
  });

  it('finds the spacers again by their reference after a refresh replaced the view\'s DOM', async () => {
    const { root, registry, before, after } = page(LIST);
    const helper = new Helper();
    registry.init(helper, before, after);

    root.innerHTML = LIST;
    await flush();

    const fresh = root.querySelector('[data-rf="a"]')!;
    expect(live()).toHaveLength(1);
    expect(live()[0].observed.has(fresh)).toBe(true);
    expect(registry.size).toBe(1);
  });

  it('lets an instance go when a refresh removed its spacers', async () => {
    const { root, registry, before, after } = page(LIST);
    registry.init(new Helper(), before, after);

    root.innerHTML = '<p>another page</p>';
    await flush();

    expect(live()).toHaveLength(0);
    expect(registry.size).toBe(0);
  });

  it('a second init of the same helper (a rebuilt view) replaces the first', () => {
    const { registry, before, after } = page(LIST);
    const helper = new Helper();
    registry.init(helper, before, after);

    registry.init(helper, before, after);

    expect(live()).toHaveLength(1);
    expect(registry.size).toBe(1);
  });

  it('a refresh puts the new scroll container where the old one was scrolled to', async () => {
    const { root, registry, before, after } = page(LIST);
    registry.init(new Helper(), before, after);
    const list = root.querySelector('#list')!;
    list.scrollTop = 1234;
    list.dispatchEvent(new Event('scroll'));

    root.innerHTML = LIST;
    await flush();

    expect(root.querySelector('#list')!.scrollTop).toBe(1234);
  });

  it('the init of a rebuilt view\'s new helper on the refreshed spacers replaces the old helper and keeps the scroll position', async () => {
    const { root, registry, before, after } = page(LIST);
    const old = new Helper();
    registry.init(old, before, after);
    root.querySelector('#list')!.scrollTop = 800;
    root.querySelector('#list')!.dispatchEvent(new Event('scroll'));
    root.innerHTML = LIST;
    const rebuilt = new Helper();

    registry.init(rebuilt, root.querySelector('[data-rf="b"]') as HTMLElement, root.querySelector('[data-rf="a"]') as HTMLElement);
    await flush();

    expect(registry.size).toBe(1);
    expect(live()).toHaveLength(1);
    expect(root.querySelector('#list')!.scrollTop).toBe(800);
    layout(root.querySelector('[data-rf="a"]')!, 100, 9000);
    live()[0].report(root.querySelector('[data-rf="a"]')!, { top: 100, bottom: 9100 }, { top: 100, bottom: 300 });
    expect(old.calls).toHaveLength(0);
    expect(rebuilt.calls).toHaveLength(1);
  });

  it('dispose stops observing and releases the helper', () => {
    const { registry, before, after } = page(LIST);
    const helper = new Helper();
    registry.init(helper, before, after);

    registry.dispose(helper);

    expect(live()).toHaveLength(0);
    expect(helper.disposed).toBe(true);
  });
});

describe('Virtualize over the wire', () => {
  it('the server\'s init call names the helper and the spacers; a spacer in view becomes a dotnet message to the helper', async () => {
    const { view, transport, root } = makeView(LIST.replace('data-rf="b"', 'data-rf="root|0#0"').replace('data-rf="a"', 'data-rf="root|2#0"'));
    installGlobals(window, view.interop);
    installVirtualize(window, root);
    const init: JSCallMessage = {
      t: 'js', view: VIEW, n: 1, id: 3, fn: 'Blazor._internal.Virtualize.init', call: 'call', result: 'void', target: 0,
      args: [{ __dotNetObject: 7 }, { __internalId: 'root|0#0' }, { __internalId: 'root|2#0' }],
    };

    view.receive([init]);
    await flush();
    expect(transport.sent[0]).toMatchObject({ t: 'jsdone', call: 3, ok: true });
    await transport.answer();
    const after = root.querySelector('[data-rf="root|2#0"]')!;
    layout(root.querySelector('[data-rf="root|0#0"]')!, 0, 0);
    layout(after, 100, 9000);
    live()[0].report(after, { top: 100, bottom: 9100 }, { top: 100, bottom: 350 });
    await flush();

    const sent = transport.sent[1] as DotNetMessage;
    expect(sent).toMatchObject({ t: 'dotnet', object: 7, method: 'OnSpacerAfterVisible', args: '[8750,100,300]' });
    await transport.answer([{ t: 'js', view: VIEW, n: 1, done: String(sent.call), ok: true, result: null } as ServerMessage]);
  });
});
