import { afterEach, describe, expect, it } from 'vitest';
import { setHead } from '../src/head';
import { makeView, VIEW } from './fakes';

afterEach(() => {
  document.head.innerHTML = '';
});

describe('head', () => {
  it('replaces what stands between the rf-head comments and keeps the rest of the head', () => {
    document.head.innerHTML = '<meta charset="utf-8"><!--rf-head--><title>One</title><!--/rf-head--><meta name="app" content="kept">';

    setHead(document, '<title>Two &amp; more</title><meta name="description" content="d">');

    expect(document.title).toBe('Two & more');
    expect(document.head.innerHTML).toBe(
      '<meta charset="utf-8"><!--rf-head--><title>Two &amp; more</title><meta name="description" content="d"><!--/rf-head--><meta name="app" content="kept">');
  });

  it('adds the comments to a head that has none', () => {
    setHead(document, '<title>Alone</title>');

    expect(document.head.innerHTML).toBe('<!--rf-head--><title>Alone</title><!--/rf-head-->');
  });

  it('an update and a refresh carry the head to the page', () => {
    document.head.innerHTML = '<!--rf-head--><title>Start</title><!--/rf-head-->';
    const { view } = makeView('<p>x</p>');

    view.receive([{ t: 'update', view: VIEW, n: 2, patches: [], head: '<title>Updated</title>' }]);
    expect(document.title).toBe('Updated');
    view.receive([{ t: 'refresh', view: VIEW, n: 3, html: '<p>y</p>', head: '<title>Refreshed</title>' }]);
    expect(document.title).toBe('Refreshed');
  });
});
