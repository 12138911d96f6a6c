// The shape of a view's DOM: each node's kind (text, or element and its tag) and its place among its siblings, which
// is what decides whether a patch path finds the node the server means. Same digest as Framework/Dom/DomShape.cs:
// 32-bit FNV-1a over the UTF-16 code units of a preorder walk writing `#` for a text and `tag(`…`)` for an element,
// tags lower-cased in ASCII; tests/fixtures/protocol/dom-shapes.json holds both sides to one answer.

const OFFSET_BASIS = 0x811c9dc5;
const PRIME = 0x01000193;

/** The digest of `root`'s children, as eight lower-case hex digits. */
export function shapeOf(root: Node): string {
  let hash = OFFSET_BASIS;
  const mix = (code: number): void => {
    hash = Math.imul(hash ^ code, PRIME) >>> 0;
  };
  const add = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      mix(0x23); // '#'
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) {
      // A comment or anything else the server never sends: a shape no server DOM has.
      mix(0x3f); // '?'
      return;
    }
    const tag = (node as Element).localName;
    for (let i = 0; i < tag.length; i++) {
      const code = tag.charCodeAt(i);
      mix(code >= 0x41 && code <= 0x5a ? code + 0x20 : code);
    }
    mix(0x28); // '('
    for (let child = node.firstChild; child; child = child.nextSibling) {
      add(child);
    }
    mix(0x29); // ')'
  };
  for (let child = root.firstChild; child; child = child.nextSibling) {
    add(child);
  }
  return hash.toString(16).padStart(8, '0');
}
