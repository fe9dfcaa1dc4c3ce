import { PULSE_SERIES_STOP_VERB, pulseSeriesStopSchema } from '../../cards/pulse-status.card.js';
import { stopSeriesCard } from '../commands/pulse-stop.command.js';
import { defineCardAction } from './card-action.js';

/** *Stop the monthly rounds* on the status card: as `pulse stop`, for the series the card shows (checked). */
export const pulseSeriesStopAction = defineCardAction({
  verb: PULSE_SERIES_STOP_VERB,
  schema: pulseSeriesStopSchema,
  run: (turn, data) => stopSeriesCard(turn, data.seriesId),
});
