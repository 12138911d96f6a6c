// Builds the nodes the server's HTML writer (Framework/Dom/DomHtmlWriter.cs) wrote, with DOM calls instead of the
// browser's HTML parser. The parser repairs HTML as it reads it: it closes a <p> before a <div>, moves what sits
// in a <table> outside the cells in front of the table, splits nested links and drops a nested <form>. The server
// models the tree it rendered, not the repaired one, so every later patch path below a repair would miss. The
// writer's HTML is regular (every element closed, attributes always name="value", five entities), so reading it
// exactly is short, and anything else is an error rather than a guess (docs/design.md, "The browser holds the
// server's DOM").

/** HTML the reader cannot take as the writer's: the caller resyncs (patches) or falls back (refresh). */
export class MarkupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MarkupError';
  }
}

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const SVG_NS = 'http://www.w3.org/2000/svg';
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

// The writer's lists (HtmlSyntax.IsVoidElement, DomHtmlWriter.IsRawText).
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['style', 'script', 'xmp', 'iframe', 'noembed', 'noframes']);
// The writer doubles a leading newline here, because the parser drops the first one.
const LEADING_NEWLINE = new Set(['pre', 'textarea', 'listing']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: '\u00a0' };

/** The nodes of `html`, built for insertion into `parent` (whose namespace the children inherit). */
export function readMarkup(parent: Node, html: string): DocumentFragment {
  const doc = parent.nodeType === Node.DOCUMENT_NODE ? (parent as Document) : parent.ownerDocument!;
  const fragment = doc.createDocumentFragment();
  const ns = parent.nodeType === Node.ELEMENT_NODE ? childNamespace(parent as Element) : HTML_NS;
  const reader = new Reader(doc, html);
  reader.children(fragment, ns, null);
  return fragment;
}

class Reader {
  private pos = 0;

  constructor(private readonly doc: Document, private readonly html: string) {}

  /** Reads nodes into `into` up to `</end>` (or the end of the input when end is null). */
  children(into: Node, ns: string, end: string | null): void {
    const html = this.html;
    while (this.pos < html.length) {
      if (html.startsWith('</', this.pos)) {
        const close = html.indexOf('>', this.pos);
        const name = close < 0 ? '' : html.slice(this.pos + 2, close);
        if (end === null || name !== end) {
          throw new MarkupError(`Unexpected </${name}> at ${this.pos}.`);
        }
        this.pos = close + 1;
        return;
      }
      if (html[this.pos] === '<') {
        into.appendChild(this.element(ns));
      } else {
        let next = html.indexOf('<', this.pos);
        if (next < 0) {
          next = html.length;
        }
        into.appendChild(this.doc.createTextNode(decode(html.slice(this.pos, next))));
        this.pos = next;
      }
    }
    if (end !== null) {
      throw new MarkupError(`<${end}> is not closed.`);
    }
  }

  private element(parentNs: string): Element {
    const html = this.html;
    this.pos++;
    const nameEnd = scan(html, this.pos, ' >');
    const tag = html.slice(this.pos, nameEnd);
    if (tag.length === 0 || nameEnd >= html.length) {
      throw new MarkupError(`A tag without a name at ${this.pos}.`);
    }
    this.pos = nameEnd;
    const ns = tag === 'svg' ? SVG_NS : tag === 'math' ? MATHML_NS : parentNs;
    const el = this.create(ns, tag);
    while (html[this.pos] === ' ') {
      const eq = html.indexOf('="', this.pos);
      const close = eq < 0 ? -1 : html.indexOf('"', eq + 2);
      if (close < 0) {
        throw new MarkupError(`An attribute of <${tag}> is not name="value".`);
      }
      setAttribute(el, html.slice(this.pos + 1, eq), decode(html.slice(eq + 2, close)));
      this.pos = close + 1;
    }
    if (html[this.pos] !== '>') {
      throw new MarkupError(`<${tag}> does not end with '>'.`);
    }
    this.pos++;
    if (VOID.has(tag)) {
      return el;
    }
    if (LEADING_NEWLINE.has(tag) && html[this.pos] === '\n') {
      this.pos++;
    }
    if (RAW_TEXT.has(tag)) {
      // Written as it is (the browser does not decode entities there), up to the end tag.
      const close = html.indexOf(`</${tag}>`, this.pos);
      if (close < 0) {
        throw new MarkupError(`<${tag}> is not closed.`);
      }
      if (close > this.pos) {
        el.appendChild(this.doc.createTextNode(html.slice(this.pos, close)));
      }
      this.pos = close + tag.length + 3;
      return el;
    }
    this.children(el, childNamespace(el), tag);
    return el;
  }

  private create(ns: string, tag: string): Element {
    if (tag === 'script') {
      return inertScript(this.doc, ns);
    }
    try {
      // createElement lower-cases HTML names as the parser does; foreign names keep their case (viewBox…).
      return ns === HTML_NS ? this.doc.createElement(tag) : this.doc.createElementNS(ns, tag);
    } catch {
      throw new MarkupError(`<${tag}> is not an element name the DOM accepts.`);
    }
  }
}

// The children of SVG's HTML integration points and of MathML's text integration points are HTML again.
function childNamespace(el: Element): string {
  const ns = el.namespaceURI ?? HTML_NS;
  if (ns === SVG_NS && (el.localName === 'foreignObject' || el.localName === 'desc' || el.localName === 'title')) {
    return HTML_NS;
  }
  if (ns === MATHML_NS && ['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml'].includes(el.localName)) {
    return HTML_NS;
  }
  return ns;
}

function setAttribute(el: Element, name: string, value: string): void {
  if (el.namespaceURI !== HTML_NS) {
    // The parser puts these prefixed names of foreign elements in their namespaces; setAttribute would not.
    const ns = name.startsWith('xlink:') ? XLINK_NS : name.startsWith('xml:') ? XML_NS
      : name === 'xmlns' || name.startsWith('xmlns:') ? XMLNS_NS : null;
    if (ns !== null) {
      el.setAttributeNS(ns, name, value);
      return;
    }
  }
  try {
    el.setAttribute(name, value);
  } catch {
    // Some browsers' setAttribute refuses names the HTML parser accepts (`@click`): take one from the parser.
    const template = el.ownerDocument.createElement('template');
    template.innerHTML = `<i ${name}=""></i>`;
    const attr = (template.content.firstChild as Element | null)?.attributes[0];
    if (!attr) {
      throw new MarkupError(`${name} is not an attribute name the browser accepts.`);
    }
    const copy = attr.cloneNode() as Attr;
    copy.value = value;
    el.setAttributeNode(copy);
  }
}

// A script created with createElement runs when it is inserted; one the parser made for a fragment is marked as
// already started and never runs. Inserted HTML has never run scripts (it was parsed in a <template>), so keep that.
function inertScript(doc: Document, ns: string): Element {
  const template = doc.createElement('template');
  template.innerHTML = ns === SVG_NS ? '<svg><script></script></svg>' : '<script></script>';
  const script = ns === SVG_NS ? template.content.firstChild!.firstChild! : template.content.firstChild!;
  return doc.adoptNode(script) as Element;
}

function scan(html: string, from: number, stops: string): number {
  let i = from;
  while (i < html.length && !stops.includes(html[i]!)) {
    i++;
  }
  return i;
}

function decode(text: string): string {
  if (!text.includes('&')) {
    return text;
  }
  return text.replace(/&([a-z]*);?/g, (entity, name: string) => {
    const value = ENTITIES[name];
    if (value === undefined || !entity.endsWith(';')) {
      throw new MarkupError(`${entity} is not one of the writer's entities.`);
    }
    return value;
  });
}
