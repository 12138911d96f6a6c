import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readMarkup } from '../src/markup';
import { shapeOf } from '../src/shape';

interface ShapeCase {
  name: string;
  html: string;
  shape: string;
}

const { cases } = JSON.parse(
  readFileSync(resolve(__dirname, '../../tests/fixtures/protocol/dom-shapes.json'), 'utf8'),
) as { cases: ShapeCase[] };

let root: HTMLElement;

beforeEach(() => {
  document.body.innerHTML = '<div id="rf-root"></div>';
  root = document.getElementById('rf-root')!;
});

describe('shapeOf', () => {
  it('has cases to check', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const { name, html, shape } of cases) {
    it(`gives the server's digest for what the client builds from its HTML: ${name}`, () => {
      root.replaceChildren(readMarkup(root, html));
      expect(shapeOf(root)).toBe(shape);
    });
  }

  it('ignores texts and attributes', () => {
    root.innerHTML = '<p>a<b>c</b></p>';
    const before = shapeOf(root);
    root.innerHTML = '<p class="x">other<b id="y">text</b></p>';
    expect(shapeOf(root)).toBe(before);
  });

  it('gives a page with a comment a shape no server DOM has', () => {
    root.innerHTML = '<p>a</p>';
    const before = shapeOf(root);
    root.appendChild(document.createComment('x'));
    expect(shapeOf(root)).not.toBe(before);
  });
});
