import { buildNoticeCard } from '../../cards/notice.card.js';
import { buildPulseCard, type ChoiceValue } from '../../cards/pulse.card.js';
import { buildPulseRefusalCard } from '../../cards/pulse-refusal.card.js';
import { PULSE_CHANGE_VERB, pulseChangeSchema } from '../../cards/pulse-thanks.card.js';
import { effectiveMinGroup } from '../../src/pulse/anonymity.js';
import { ownAnswers, PREFER_NOT_TO_SAY } from '../../src/pulse/answer.service.js';
import { closedOn, roundStatements } from '../../src/pulse/round.repository.js';
import { defineCardAction } from './card-action.js';

export const toChoice = (value: number): ChoiceValue =>
  value === PREFER_NOT_TO_SAY ? 'none' : (String(value) as ChoiceValue);

/** Change my answers: the pulse card again with the person's own answers, until the round closes. */
export const pulseChangeAction = defineCardAction({
  verb: PULSE_CHANGE_VERB,
  schema: pulseChangeSchema,
  async run(turn, data) {
    if (!turn.viewer)
      return buildNoticeCard({ title: "I don't know you yet", lines: ['You are not on the roster.'] });
    // why: the returned card replaces the tapped one for everyone in the conversation, and it shows the answers.
    if (turn.ctx.activity.conversation?.conversationType !== 'personal') {
      return buildNoticeCard({
        title: 'Change your answers in our 1:1 chat',
        lines: ['Your answers are private: open a 1:1 chat with me and type `pulse` there.'],
      });
    }
    const own = await ownAnswers(turn.app.db, turn.orgId, turn.viewer.person.id, data.roundId, turn.today);
    if ('refused' in own) {
      return buildPulseRefusalCard({
        reason: own.refused,
        opensOn: own.round?.opens_on,
        closesOn: own.round && closedOn(own.round, turn.app.config.TIME_ZONE),
      });
    }
    const statements = await roundStatements(turn.app.db, own.round.id);
    return buildPulseCard({
      roundId: own.round.id,
      closesOn: own.round.closes_on,
      minGroup: effectiveMinGroup(turn.app.config.PULSE_MIN_GROUP),
      statements: statements.map((s) => ({ id: s.id, text: s.text })),
      answers: Object.fromEntries(Object.entries(own.answers).map(([id, v]) => [id, toChoice(v)])),
      comment: own.comment,
      note: 'change',
    });
  },
});
