import { MarkupError, readMarkup } from './markup';
import { ProtocolConstants } from './protocol';

/**
 * Replaces the view's part of the document head — what stands between the `<!--rf-head-->` and `<!--/rf-head-->`
 * comments: the title and `<HeadContent>` — by `html` (the server writer's HTML). Scripts in it stay inert.
 */
export function setHead(doc: Document, html: string): void {
  const head = doc.head;
  let start: Comment | null = null;
  let end: Comment | null = null;
  for (const node of Array.from(head.childNodes)) {
    if (node.nodeType === Node.COMMENT_NODE) {
      const data = (node as Comment).data;
      if (data === ProtocolConstants.HeadMarker) {
        start = node as Comment;
      } else if (data === `/${ProtocolConstants.HeadMarker}` && start) {
        end = node as Comment;
      }
    }
  }
  if (!start || !end) {
    start = head.appendChild(doc.createComment(ProtocolConstants.HeadMarker));
    end = head.appendChild(doc.createComment(`/${ProtocolConstants.HeadMarker}`));
  }
  let content: DocumentFragment;
  try {
    content = readMarkup(head, html);
  } catch (error) {
    if (!(error instanceof MarkupError)) {
      throw error;
    }
    console.warn(`RazorFaces: the head content is not the server writer's HTML (${error.message}); left as it was.`);
    return;
  }
  while (start.nextSibling && start.nextSibling !== end) {
    start.nextSibling.remove();
  }
  head.insertBefore(content, end);
}
