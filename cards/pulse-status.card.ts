import { z } from 'zod';
import { shortDate } from '../src/calendar/iso-date.js';
import type { PulseStatus, SeriesStatus } from '../src/pulse/pulse-status.service.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  escapeText,
  execute,
  heading,
  text,
} from './card-kit.js';

export const PULSE_SERIES_STOP_VERB = 'pulse.seriesStop';

export const pulseSeriesStopSchema = z.object({
  verb: z.literal(PULSE_SERIES_STOP_VERB),
  seriesId: z.uuid({ error: 'this card does not belong to a monthly Health Check series' }),
});

export interface SeriesView extends SeriesStatus {
  /** Admins get a button to stop the series (leads see when the next round opens). */
  canStop: boolean;
}

/** "Monthly: the next round opens …", with who it asks when the series asks one team or service. */
export function seriesLine(series: SeriesStatus): string {
  const who = series.team
    ? ` for ${escapeText(series.team)}`
    : series.service
      ? ` for ${escapeText(series.service)}`
      : '';
  return `Monthly: the next round opens ${shortDate(series.nextOpensOn)}${who}, for ${series.openDays} working days, with the same statements.`;
}

function seriesPart(series: SeriesView | undefined): { body: CardElement[]; actions: CardElement[] } {
  if (!series) return { body: [], actions: [] };
  return {
    body: [text(seriesLine(series), { spacing: 'Medium' })],
    actions: series.canStop
      ? [execute('Stop the monthly rounds', PULSE_SERIES_STOP_VERB, { seriesId: series.seriesId })]
      : [],
  };
}

/** How a round in flight is going, for admins and leads: counts only, never who; and the monthly series. */
export function buildPulseStatusCard(status: PulseStatus | undefined, series?: SeriesView): AdaptiveCard {
  const monthly = seriesPart(series);
  if (!status) {
    const none = series
      ? 'No Health Check round is open or scheduled just now.'
      : 'No Health Check round is open or scheduled.';
    return adaptiveCard([heading('CIS Health Check'), text(none), ...monthly.body], monthly.actions);
  }
  if (status.state === 'scheduled') {
    return adaptiveCard(
      [
        heading('CIS Health Check scheduled'),
        text(
          `Opens ${shortDate(status.opensOn)} for ${status.audience} social workers; closes ${shortDate(status.closesOn)}.`,
        ),
        ...monthly.body,
      ],
      monthly.actions,
    );
  }
  const answered =
    status.answered === null
      ? `Fewer than ${status.minGroup} of ${status.audience} have answered so far.`
      : `${status.answered} of ${status.audience} have answered so far (${status.responseRate}%).`;
  return adaptiveCard(
    [
      heading(`CIS Health Check open until ${shortDate(status.closesOn)}`),
      text(answered),
      text('Who has answered is never shown; results appear after the round closes.', { isSubtle: true }),
      ...monthly.body,
    ],
    monthly.actions,
  );
}
