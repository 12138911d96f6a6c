import { listenFor } from './events';
import { ProtocolConstants } from './protocol';

// Blazor lets a component declare its own event names ([EventHandler("onclosecolumnoptions", ...)], as QuickGrid
// does) and registers a browser listener the first time one is rendered. The server writes every handled name in
// data-rf-on; each name gets a delegated listener (events.ts, which skips names it listens to already) when an
// element carrying it first arrives, by the first GET, a patch or a refresh.

/** Listens for every event name the view's elements declare; returns a function that stops looking for new ones. */
export function listenToDeclaredEvents(root: Element): () => void {
  const added = new Set<string>();
  const take = (element: Element) => {
    for (const name of (element.getAttribute(ProtocolConstants.EventsAttribute) ?? '').split(/\s+/)) {
      if (name !== '' && !added.has(name)) {
        added.add(name);
        listenFor(name);
      }
    }
  };
  const scan = (node: Node) => {
    if (node.nodeType !== Node.ELEMENT_NODE) {
      return;
    }
    take(node as Element);
    (node as Element).querySelectorAll(`[${ProtocolConstants.EventsAttribute}]`).forEach(take);
  };
  scan(root);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        take(record.target as Element);
      } else {
        record.addedNodes.forEach(scan);
      }
    }
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: [ProtocolConstants.EventsAttribute] });
  return () => observer.disconnect();
}
