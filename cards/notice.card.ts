import { type AdaptiveCard, adaptiveCard, type CardElement, heading, text } from './card-kit.js';

export interface NoticeView {
  title: string;
  /** Lines of already-safe text (escape anything people typed before passing it in). */
  lines: string[];
  tone?: 'default' | 'warning' | 'error';
  actions?: CardElement[];
}

/** A short read-only message: confirmations, refusals, errors. */
export function buildNoticeCard(view: NoticeView): AdaptiveCard {
  const color = view.tone === 'error' ? 'Attention' : view.tone === 'warning' ? 'Warning' : 'Default';
  return adaptiveCard(
    [{ ...heading(view.title), color }, ...view.lines.map((line) => text(line))],
    view.actions ?? [],
  );
}
