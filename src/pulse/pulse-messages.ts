// why: the outbox stores the finished activity, so the service that enqueues a pulse needs its card; cards are
// pure functions of plain data, and this is the one place in src/pulse that renders them.
import { buildPulseCard, type PulseCardView } from '../../cards/pulse.card.js';

export type PulseCardKind = 'invitation' | 'nudge';

/** A Bot Framework message carrying the pulse card, as the outbox stores it. */
export function pulseActivity(view: PulseCardView): Record<string, unknown> {
  return {
    type: 'message',
    summary: 'CIS Health Check: about 30 seconds, anonymous',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: buildPulseCard(view) }],
  };
}
