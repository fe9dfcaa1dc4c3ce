import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.repository.js';
import { type IsoDate, isIsoDate, shortDate } from '../calendar/iso-date.js';
import { addWorkingDays, nextWorkingDay } from '../calendar/working-days.js';
import type { Executor } from '../db/executor.js';
import type { DB } from '../db/schema.js';
import { newId } from '../shared/ids.js';
import { newLinkSecret } from './anonymity.js';
import { PulseInputError } from './pulse-errors.js';
import { liveRound, type RoundRow } from './round.repository.js';
import { startRound } from './round-start.service.js';
import { type SeriesRow, startSeries } from './series.service.js';
import {
  listLiveStatements,
  readStatementsCsv,
  type Statement,
  seedStatements,
} from './statement.repository.js';

export interface OpenRequest {
  /** First day answers are taken; default today. A later day schedules the round. */
  opensOn?: IsoDate;
  /** Last day answers are taken; default PULSE_OPEN_DAYS working days from opening. */
  closesOn?: IsoDate;
  /** Only the social workers of this team, or of this service (case-insensitive). */
  team?: string;
  service?: string;
  /** Codes of the statements to ask, in order; default every live statement. */
  statements?: string[];
  /** A one-off round. Otherwise the round starts a monthly series (series.service.ts). */
  once?: boolean;
  actor: string;
  actorPersonId?: string | null;
}

/** A round just opened or scheduled, with the monthly series it started and the one that series replaced. */
export type OpenedRound = RoundRow & { series?: SeriesRow; replacedSeries?: SeriesRow };

export interface PulseSettings {
  today: IsoDate;
  openDays: number;
  minGroup: number;
}

function checkDate(value: string | undefined, what: string): string | undefined {
  if (value !== undefined && !isIsoDate(value))
    throw new PulseInputError(`${what}: "${value}" is not a date like 2026-12-12.`);
  return value;
}

function chosenStatements(live: Statement[], codes: string[] | undefined): Statement[] {
  if (live.length === 0) throw new PulseInputError('There are no Health Check statements to ask.');
  if (!codes?.length) return live;
  const unknown = codes.filter((c) => !live.some((s) => s.code === c));
  if (unknown.length) {
    throw new PulseInputError(
      `Unknown statement ${unknown.map((c) => `"${c}"`).join(', ')}; the statements are ${live.map((s) => s.code).join(', ')}.`,
    );
  }
  return [...new Set(codes)].map((c) => live.find((s) => s.code === c) as Statement);
}

/** The social workers a round asks, with the team label their answers will carry. */
async function audienceOf(db: Executor, orgId: string, request: OpenRequest) {
  let query = db
    .selectFrom('people')
    .select(['id', 'team'])
    .where('org_id', '=', orgId)
    .where('active', '=', true)
    .where('is_social_worker', '=', true);
  if (request.team)
    query = query.where((eb) => eb(eb.fn('lower', ['team']), '=', request.team!.toLowerCase()));
  if (request.service)
    query = query.where((eb) => eb(eb.fn('lower', ['service']), '=', request.service!.toLowerCase()));
  const people = await query.orderBy('id').execute();
  if (people.length === 0) {
    const filter = request.team
      ? ` in team "${request.team}"`
      : request.service
        ? ` in service "${request.service}"`
        : '';
    throw new PulseInputError(
      `There are no social workers${filter} on the roster, so there is no one to ask.`,
    );
  }
  return people;
}

/**
 * Opens (or schedules) a Health Check round: snapshots the audience, and when it opens today sends each person
 * the pulse card through the outbox, in the same transaction. One round at a time per organisation. Unless
 * `once`, the round starts a monthly series that opens the next round a month later (series.job.ts).
 */
export async function openRound(
  db: Kysely<DB>,
  orgId: string,
  request: OpenRequest,
  settings: PulseSettings,
  now: Date,
): Promise<OpenedRound> {
  return db.transaction().execute(async (trx) => {
    const { round, statements } = await createRound(trx, orgId, request, settings, now);
    if (request.once) return round;
    const { series, replaced } = await startSeries(
      trx,
      round,
      statements.map((s) => s.code),
      { actor: request.actor, actorPersonId: request.actorPersonId },
      now,
    );
    return { ...round, series_id: series.id, series, ...(replaced ? { replacedSeries: replaced } : {}) };
  });
}

/** The round itself, in the caller's transaction; it opens at once when its day has come. */
export async function createRound(
  trx: Executor,
  orgId: string,
  request: OpenRequest & { seriesId?: string },
  settings: PulseSettings,
  now: Date,
): Promise<{ round: RoundRow; statements: Statement[] }> {
  const opensOn = checkDate(request.opensOn, 'open') ?? settings.today;
  const closesOn =
    checkDate(request.closesOn, 'close') ?? addWorkingDays(nextWorkingDay(opensOn), settings.openDays - 1);
  if (opensOn < settings.today)
    throw new PulseInputError(`A round cannot open in the past (${shortDate(opensOn)}).`);
  if (closesOn < opensOn)
    throw new PulseInputError(`The close date ${shortDate(closesOn)} is before the round opens.`);
  const live = await liveRound(trx, orgId);
  if (live) {
    throw new PulseInputError(
      `A Health Check is already ${live.state} (closes ${shortDate(live.closes_on)}). Close it first.`,
    );
  }
  if ((await listLiveStatements(trx, orgId)).length === 0) {
    await seedStatements(trx, orgId, readStatementsCsv(), request.actor, now);
  }
  const statements = chosenStatements(await listLiveStatements(trx, orgId), request.statements);
  const audience = await audienceOf(trx, orgId, request);
  const round: RoundRow = {
    id: newId(),
    org_id: orgId,
    state: 'scheduled',
    opens_on: opensOn,
    closes_on: closesOn,
    audience_team: request.team ?? null,
    audience_service: request.service ?? null,
    audience_size: audience.length,
    respondents: null,
    link_secret: newLinkSecret(),
    created_by: request.actor,
    created_at: now,
    opened_at: null,
    closed_at: null,
    series_id: request.seriesId ?? null,
  };
  await trx.insertInto('pulse_rounds').values(round).execute();
  await trx
    .insertInto('pulse_round_statements')
    .values(statements.map((s, i) => ({ round_id: round.id, statement_id: s.id, ordinal: i + 1 })))
    .execute();
  for (let i = 0; i < audience.length; i += 1000) {
    const batch = audience.slice(i, i + 1000);
    await trx
      .insertInto('pulse_participants')
      .values(batch.map((p) => ({ round_id: round.id, person_id: p.id, team: p.team })))
      .execute();
  }
  const { link_secret: _secret, ...audited } = round;
  await recordAudit(
    trx,
    orgId,
    [
      {
        actor: request.actor,
        actorPersonId: request.actorPersonId ?? null,
        entity: 'pulse_round',
        entityId: round.id,
        change: 'create',
        after: audited,
      },
    ],
    now,
  );
  const started =
    opensOn <= settings.today ? await startRound(trx, round, settings.minGroup, now, request.actor) : round;
  return { round: started, statements };
}
