import { session } from './state';
import { showMessage, type MessageKind } from './ui/messages';
import { viewSection } from './ui/dom';

let router: () => void = () => undefined;
let pendingFlash: { readonly text: string; readonly kind: MessageKind } | null = null;

/** What shows the view the URL hash names (set once by the router, which imports the views that navigate). */
export function setRouter(route: () => void): void {
  router = route;
}

/** Goes to a view and shows a message there (a hash change clears the previous view's message). */
export function navigate(hash: string, text?: string, kind: MessageKind = 'info'): void {
  if (location.hash === hash) {
    router();
    if (text) showMessage(text, kind);
    return;
  }
  pendingFlash = text ? { text, kind } : null;
  location.hash = hash;
}

/** The message `navigate` left for the view the hash change leads to, once. */
export function takePendingFlash(): { readonly text: string; readonly kind: MessageKind } | null {
  const flash = pendingFlash;
  pendingFlash = null;
  return flash;
}

/** Forgets the session and sends the user to log in, then back to `afterLogin` (default: where they are). */
export function requireLogin(reason = 'Please log in first.', afterLogin?: string): void {
  session.set(null);
  session.setAfterLogin(afterLogin || location.hash || '#/');
  navigate('#/login', reason, 'info');
}

export function isShown(view: string): boolean {
  return !viewSection(view).hidden;
}
