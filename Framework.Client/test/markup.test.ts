import { beforeEach, describe, expect, it } from 'vitest';
import { MarkupError, readMarkup } from '../src/markup';

const SVG_NS = 'http://www.w3.org/2000/svg';
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

let root: HTMLElement;

beforeEach(() => {
  document.body.innerHTML = '<div id="rf-root"></div>';
  root = document.getElementById('rf-root')!;
});

function read(html: string, parent: Node = root): DocumentFragment {
  return readMarkup(parent, html);
}

function shape(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) {
    return JSON.stringify((node as Text).data);
  }
  const children = Array.from(node.childNodes).map(shape).join(',');
  return node.nodeType === Node.ELEMENT_NODE ? `${(node as Element).localName}(${children})` : children;
}

describe('readMarkup', () => {
  // Regression: these went through the browser's HTML parser, which builds another tree from each of them, so the
  // patch paths the server computed for its own tree missed.
  const rewrittenByTheParser: Array<[string, string, string]> = [
    ['a div in a paragraph', '<p>In: <div>a block</div><span>0</span></p>', 'p("In: ",div("a block"),span("0"))'],
    ['a div in a table outside the cells', '<table><tbody><tr><td>a</td></tr></tbody><div>0</div></table>',
      'table(tbody(tr(td("a"))),div("0"))'],
    ['a link in a link', '<a href="#o">o <a href="#i">i</a><span>0</span></a>', 'a("o ",a("i"),span("0"))'],
    ['a form in a form', '<form><form><span>0</span></form></form>', 'form(form(span("0")))'],
    ['an option in an option', '<select><option>a<option>b</option></option></select>', 'select(option("a",option("b")))'],
    ['a list item in a list item', '<li>a<li>b</li></li>', 'li("a",li("b"))'],
  ];
  for (const [what, html, expected] of rewrittenByTheParser) {
    it(`builds ${what} as the server wrote it`, () => {
      expect(shape(read(html))).toBe(expected);
    });
  }

  it('gives back exactly the HTML it read', () => {
    const html = '<ul class="a b"><li data-rf="root|1#0" data-rf-on="click">1 &lt; 2 &amp;&nbsp;3 &gt; 0</li>' +
      '<li title="&quot;q&quot; &amp; \'a\'">é</li></ul><input type="checkbox" checked=""><br>tail';
    root.appendChild(read(html));
    expect(root.innerHTML).toBe(html);
  });

  it('decodes the five entities the writer uses in text and attribute values', () => {
    const p = read('<p title="&quot;&amp;&lt;&gt;&nbsp;">&amp;&lt;&gt;&nbsp;"</p>').firstChild as Element;
    expect(p.getAttribute('title')).toBe('"&<>\u00a0');
    expect(p.textContent).toBe('&<>\u00a0"');
  });

  it('keeps the text of style and script as written', () => {
    const fragment = read('<style>a > b { content: "&amp;" }</style><script>if (a < b) {}</script>');
    expect(fragment.firstChild!.textContent).toBe('a > b { content: "&amp;" }');
    expect(fragment.lastChild!.textContent).toBe('if (a < b) {}');
  });

  it('drops the newline the writer doubles after pre and textarea, as the parser does', () => {
    const fragment = read('<pre>\n\nx</pre><textarea>\nvalue</textarea><pre>y</pre>');
    const [pre, textarea, plain] = Array.from(fragment.childNodes) as HTMLElement[];
    expect(pre!.textContent).toBe('\nx');
    expect((textarea as HTMLTextAreaElement).value).toBe('value');
    expect(plain!.textContent).toBe('y');
  });

  it('builds SVG and MathML in their namespaces, and HTML again inside foreignObject', () => {
    const fragment = read('<svg viewBox="0 0 1 1"><use xlink:href="#a"></use><foreignObject><p>x</p></foreignObject></svg>' +
      '<math><mi>x</mi></math>');
    const svg = fragment.firstChild as Element;
    expect(svg.namespaceURI).toBe(SVG_NS);
    expect(svg.getAttribute('viewBox')).toBe('0 0 1 1');
    expect(svg.firstElementChild!.namespaceURI).toBe(SVG_NS);
    expect(svg.firstElementChild!.getAttributeNS(XLINK_NS, 'href')).toBe('#a');
    expect(svg.lastElementChild!.localName).toBe('foreignObject');
    expect(svg.lastElementChild!.firstElementChild!.namespaceURI).toBe('http://www.w3.org/1999/xhtml');
    expect((fragment.lastChild as Element).namespaceURI).toBe(MATHML_NS);
  });

  it('builds the children of an SVG parent in the SVG namespace', () => {
    root.innerHTML = '<svg><g></g></svg>';
    const circle = read('<circle r="1"></circle>', root.firstChild!.firstChild!).firstChild as Element;
    expect(circle.namespaceURI).toBe(SVG_NS);
  });

  it('keeps a table row a row, with no parent element around it', () => {
    expect(shape(read('<tr><td>1</td></tr>'))).toBe('tr(td("1"))');
    expect(shape(read('<option value="a">A</option>'))).toBe('option("A")');
  });

  const notTheWriters: Array<[string, string]> = [
    ['an element that is not closed', '<p><b>x</b>'],
    ['an end tag of another element', '<p>x</b>'],
    ['an end tag nothing opened', 'x</p>'],
    ['an unquoted attribute', '<p class=a>x</p>'],
    ['an attribute without a value', '<input disabled>'],
    ['an entity the writer never writes', '<p>&copy;</p>'],
    ['a bare ampersand', '<p>a & b</p>'],
    ['a tag without a name', '<>x'],
  ];
  for (const [what, html] of notTheWriters) {
    it(`throws a MarkupError for ${what}`, () => {
      expect(() => read(html)).toThrow(MarkupError);
    });
  }
});
