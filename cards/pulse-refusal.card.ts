import { shortDate } from '../src/calendar/iso-date.js';
import type { Refusal } from '../src/pulse/answer.service.js';
import type { AdaptiveCard } from './card-kit.js';
import { buildNoticeCard } from './notice.card.js';

export interface PulseRefusalView {
  reason: Refusal | 'no-round' | 'not-social-worker';
  opensOn?: string;
  closesOn?: string;
}

function lines(view: PulseRefusalView): [string, string[]] {
  switch (view.reason) {
    case 'unknown':
      return ['This Health Check could not be found', ['Type `pulse` to get the current one.']];
    case 'closed':
      return [
        'This Health Check has closed',
        [
          `It closed${view.closesOn ? ` on ${shortDate(view.closesOn)}` : ''}, so answers can no longer be given or changed.`,
          'Type `pulse results` to see what people said.',
        ],
      ];
    case 'not-yet-open':
      return [
        'This Health Check is not open yet',
        [view.opensOn ? `It opens on ${shortDate(view.opensOn)}.` : 'It opens soon.'],
      ];
    case 'not-in-audience':
      return [
        'This Health Check was not sent to you',
        ['It asks the social workers it was sent to; you are not one of them.'],
      ];
    case 'incomplete':
      return [
        'Please answer every statement',
        ['Prefer not to say is fine. Type `pulse` to get the card again.'],
      ];
    case 'out-of-range':
      return [
        'These answers could not be read',
        ['Each answer must be from Strongly disagree to Strongly agree, or Prefer not to say.'],
      ];
    case 'no-round':
      return [
        'No Health Check is open',
        ['There is no Health Check to answer right now. You will get a card when the next one opens.'],
      ];
    case 'not-social-worker':
      return [
        'Health Check pulses are for social workers',
        ['The roster does not list you as a social worker, so there is nothing to answer.'],
      ];
  }
}

/** Why answers were not taken; always says that nothing was recorded or changed. */
export function buildPulseRefusalCard(view: PulseRefusalView): AdaptiveCard {
  const [title, body] = lines(view);
  const changed = ['no-round', 'not-social-worker'].includes(view.reason)
    ? []
    : ['Nothing was recorded or changed.'];
  return buildNoticeCard({ title, tone: 'warning', lines: [...body, ...changed] });
}
