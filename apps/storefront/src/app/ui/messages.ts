import { byTestId } from './dom';

export type MessageKind = 'info' | 'success' | 'error';

/** The one message box (role=status): a new message replaces the last; empty text hides it. */
export function showMessage(text: string, kind: MessageKind = 'info'): void {
  const box = byTestId('message');
  box.textContent = text;
  box.className = `message ${kind}`;
  box.hidden = !text;
}

export function clearMessage(): void {
  showMessage('', 'info');
}
