// Reloading the page without looping, and continuing a view across a reload (docs/protocol.md, "Heartbeats" and
// the rolling-upgrade reload).
import { ProtocolConstants } from './protocol';

const RELOAD_KEY = 'rf-last-reload';
// The view a reload resumes and its next event id: the server already applied (and remembers) the lower ids.
const RESUME_KEY = 'rf-resume-next';

/** Automatic reloads happen at most this often per tab. */
export const RELOAD_INTERVAL_MS = 10_000;

/**
 * Names the view in a short-lived cookie, so the page the reload asks for continues it, and keeps its next event id.
 * Returns whether the view will be resumed (not when storage is disabled).
 */
export function markResume(doc: Document, win: Window, viewId: string, nextId: number): boolean {
  const path = new URL(doc.baseURI).pathname;
  const secure = win.location.protocol === 'https:' ? '; secure' : '';
  doc.cookie = `${ProtocolConstants.ResumeCookie}=${encodeURIComponent(viewId)}; path=${path}; max-age=60; samesite=strict${secure}`;
  try {
    win.sessionStorage.setItem(RESUME_KEY, `${viewId} ${nextId}`);
  } catch {
    // Storage disabled: the resumed view would ignore this tab's first few events as already applied; a
    // fresh page is the lesser evil, so do not ask to resume.
    doc.cookie = `${ProtocolConstants.ResumeCookie}=; path=${path}; max-age=0`;
    return false;
  }
  return true;
}

/** After a reload that resumed <code>viewId</code>: the event id the page before would have sent next, once. */
export function resumedNextId(win: Window, viewId: string): number | null {
  try {
    const storage = win.sessionStorage;
    const [id, next] = (storage.getItem(RESUME_KEY) ?? '').split(' ');
    storage.removeItem(RESUME_KEY);
    return id === viewId && Number.isFinite(Number(next)) ? Number(next) : null;
  } catch {
    // Storage disabled: nothing was resumed (see markResume).
    return null;
  }
}

/** Reloads the page unless it reloaded less than <code>ms</code> ago; returns false then (the caller lets the user decide). */
export function reloadAtMostEvery(win: Window, ms: number): boolean {
  const now = Date.now();
  let last = 0;
  try {
    last = Number(win.sessionStorage.getItem(RELOAD_KEY) ?? '0');
  } catch {
    // Storage may be disabled; reloading without the guard is still better than a dead page.
  }
  if (now - last < ms) {
    return false;
  }
  try {
    win.sessionStorage.setItem(RELOAD_KEY, String(now));
  } catch {
    // See above.
  }
  win.location.reload();
  return true;
}
