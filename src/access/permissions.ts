/**
 * Who may do what: one table, used by the bot and the tab alike. A person's standing towards a thing is
 * decided on the server from their Entra object id (see viewer.ts), never from data in a card or request.
 */
export const STANDINGS = ['owner', 'delegate', 'lead', 'admin', 'socialWorker', 'stranger'] as const;
export type Standing = (typeof STANDINGS)[number];

export const CAPABILITIES = [
  'viewAction',
  'updateAction',
  'requestDate',
  'approveDate',
  'reopenAction',
  'delegateAction',
  'openRound',
  'answerPulse',
  'seeRoundStatus',
  'seeResults',
  'seeComments',
  'subscribeDigest',
  'previewDigest',
  'export',
  'importPlan',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Capabilities asked of one action (canOnAction); every other capability is general (can). */
export const ACTION_CAPABILITIES: readonly Capability[] = [
  'viewAction',
  'updateAction',
  'requestDate',
  'approveDate',
  'reopenAction',
  'delegateAction',
];

const Y = true;
const N = false;

/**
 * Rows: capability; columns: owner, delegate, lead, admin, socialWorker, stranger. Owner and delegate are
 * standings towards one action, so they can grant only the action capabilities (ACTION_CAPABILITIES); the
 * others are decided by `can()` from lead, admin and social worker alone.
 */
const MATRIX: Record<Capability, Record<Standing, boolean>> = {
  viewAction: row(Y, Y, Y, Y, N, N),
  updateAction: row(Y, Y, Y, Y, N, N),
  requestDate: row(Y, Y, Y, Y, N, N),
  approveDate: row(N, N, Y, Y, N, N),
  reopenAction: row(N, N, Y, Y, N, N),
  // why: a delegation is the owner's own hand-over (`delegate 3a to me` takes it back); leads reassign roles instead.
  delegateAction: row(Y, N, N, N, N, N),
  openRound: row(N, N, N, Y, N, N),
  answerPulse: row(N, N, N, N, Y, N),
  seeRoundStatus: row(N, N, Y, Y, N, N),
  seeResults: row(N, N, Y, Y, Y, N),
  seeComments: row(N, N, Y, Y, N, N),
  subscribeDigest: row(N, N, N, Y, N, N),
  previewDigest: row(N, N, Y, Y, N, N),
  export: row(N, N, Y, Y, N, N),
  importPlan: row(N, N, N, Y, N, N),
};

function row(
  owner: boolean,
  delegate: boolean,
  lead: boolean,
  admin: boolean,
  socialWorker: boolean,
  stranger: boolean,
) {
  return { owner, delegate, lead, admin, socialWorker, stranger };
}

/** True when any of the person's standings grants the capability. */
export function allows(standings: readonly Standing[], capability: Capability): boolean {
  return standings.some((s) => MATRIX[capability][s]);
}

export function matrixCell(standing: Standing, capability: Capability): boolean {
  return MATRIX[capability][standing];
}
