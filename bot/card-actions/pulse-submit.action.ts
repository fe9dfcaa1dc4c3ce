import { buildNoticeCard } from '../../cards/notice.card.js';
import { type ChoiceValue, PULSE_SUBMIT_VERB, pulseSubmitSchema } from '../../cards/pulse.card.js';
import { buildPulseRefusalCard } from '../../cards/pulse-refusal.card.js';
import { buildPulseThanksCard } from '../../cards/pulse-thanks.card.js';
import { PREFER_NOT_TO_SAY, submitAnswers } from '../../src/pulse/answer.service.js';
import { closedOn } from '../../src/pulse/round.repository.js';
import { defineCardAction } from './card-action.js';
import { pulseChangeAction } from './pulse-change.action.js';
import { pulseSeriesStopAction } from './pulse-series-stop.action.js';

export const toAnswerValue = (choice: ChoiceValue): number =>
  choice === 'none' ? PREFER_NOT_TO_SAY : Number(choice);

/** Submit on the pulse card: records (or changes) the answers; never logs them. */
export const pulseSubmitAction = defineCardAction({
  verb: PULSE_SUBMIT_VERB,
  schema: pulseSubmitSchema,
  async run(turn, data) {
    if (!turn.viewer) {
      return buildNoticeCard({
        title: "I don't know you yet",
        lines: ['You are not on the roster. Nothing was recorded.'],
      });
    }
    const answers = Object.fromEntries(Object.entries(data.answers).map(([id, v]) => [id, toAnswerValue(v)]));
    const outcome = await submitAnswers(
      turn.app.db,
      turn.orgId,
      turn.viewer.person.id,
      { roundId: data.roundId, answers, comment: data.comment },
      turn.today,
    );
    if (outcome.kind === 'refused') {
      return buildPulseRefusalCard({
        reason: outcome.reason,
        opensOn: outcome.round?.opens_on,
        closesOn: outcome.round && closedOn(outcome.round, turn.app.config.TIME_ZONE),
      });
    }
    return buildPulseThanksCard({
      roundId: outcome.round.id,
      closesOn: outcome.round.closes_on,
      unchanged: outcome.kind === 'unchanged',
    });
  },
});

/** The pulse card's verbs; registered with one line in card-actions/index.ts. */
export const pulseCardActions = [pulseSubmitAction, pulseChangeAction, pulseSeriesStopAction];
