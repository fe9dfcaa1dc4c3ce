import { shortDate } from '../src/calendar/iso-date.js';
import type { PulseStatus } from '../src/pulse/pulse-status.service.js';
import { type AdaptiveCard, adaptiveCard, heading, text } from './card-kit.js';

/** How a round in flight is going, for admins and leads: counts only, never who. */
export function buildPulseStatusCard(status: PulseStatus | undefined): AdaptiveCard {
  if (!status) {
    return adaptiveCard([heading('CIS Health Check'), text('No Health Check round is open or scheduled.')]);
  }
  if (status.state === 'scheduled') {
    return adaptiveCard([
      heading('CIS Health Check scheduled'),
      text(
        `Opens ${shortDate(status.opensOn)} for ${status.audience} social workers; closes ${shortDate(status.closesOn)}.`,
      ),
    ]);
  }
  const answered =
    status.answered === null
      ? `Fewer than ${status.minGroup} of ${status.audience} have answered so far.`
      : `${status.answered} of ${status.audience} have answered so far (${status.responseRate}%).`;
  return adaptiveCard([
    heading(`CIS Health Check open until ${shortDate(status.closesOn)}`),
    text(answered),
    text('Who has answered is never shown; results appear after the round closes.', { isSubtle: true }),
  ]);
}
