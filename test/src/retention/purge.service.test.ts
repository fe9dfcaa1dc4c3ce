import { beforeAll, expect, it } from 'vitest';
import { recordAudit } from '../../../src/audit/audit.repository.js';
import type { Store } from '../../../src/db/connect.js';
import { purgeBefore, retentionCutoff } from '../../../src/retention/purge.service.js';
import { newId } from '../../../src/shared/ids.js';
import { orgWithUpdates } from '../../support/status-updates.js';
import { describeStores, testStore } from '../../support/store.js';

const NOW = new Date('2026-11-25T10:00:00Z');

describeStores('purgeBefore', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore(kind);
  });

  const texts = (orgId: string) =>
    store.db
      .selectFrom('status_updates')
      .select(['narrative', 'blockers', 'evidence_url', 'rag', 'created_at'])
      .where('org_id', '=', orgId)
      .orderBy('created_at')
      .execute();

  it('blanks narratives and blockers written before the date, keeps the rest, and audits the purge', async () => {
    const { orgId } = await orgWithUpdates(store, [
      '2025-03-01T09:00:00Z',
      '2025-05-31T23:59:59Z',
      '2025-06-01T00:00:00Z',
    ]);
    const other = await orgWithUpdates(store, ['2025-03-01T09:00:00Z']);
    const report = await purgeBefore(store.db, orgId, {
      before: '2025-06-01',
      dryRun: false,
      actor: 'cli',
      now: NOW,
    });

    expect(report.steps[0]).toEqual({ name: 'status_updates.narrative, blockers', rows: 2 });
    const rows = await texts(orgId);
    expect(rows.map((r) => [r.narrative, r.blockers])).toEqual([
      [null, null],
      [null, null],
      ['Narrative of 2025-06-01T00:00:00Z', 'Blocker of 2025-06-01T00:00:00Z'],
    ]);
    expect(rows.every((r) => r.rag === 'amber' && r.evidence_url === 'https://example.org/evidence')).toBe(
      true,
    );
    expect((await texts(other.orgId))[0]!.narrative).toBe('Narrative of 2025-03-01T09:00:00Z');

    const audit = await store.db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'cli',
      entity: 'retention',
      entity_id: '2025-06-01',
      change: 'purge',
    });
    expect(audit[0]!.after).toMatchObject({
      dryRun: false,
      steps: [{ rows: 2 }, { rows: 0 }, { rows: 0 }, { rows: 0 }, { rows: 0 }],
    });
  });

  it('counts in a dry run and changes nothing, not even the audit log', async () => {
    const { orgId } = await orgWithUpdates(store, ['2025-03-01T09:00:00Z', '2025-09-01T09:00:00Z']);
    const before = await texts(orgId);
    const report = await purgeBefore(store.db, orgId, {
      before: '2025-06-01',
      dryRun: true,
      actor: 'cli',
      now: NOW,
    });
    expect(report).toEqual({
      before: '2025-06-01',
      dryRun: true,
      steps: [
        { name: 'status_updates.narrative, blockers', rows: 1 },
        { name: 'date_requests.reason, decision_reason', rows: 0 },
        { name: 'pulse_comments.text', rows: 0 },
        { name: 'outbox payloads of sent and failed messages', rows: 0 },
        { name: 'audit_log before/after narrative, blockers, comment, reasons', rows: 0 },
      ],
    });
    expect(await texts(orgId)).toEqual(before);
    const audit = await store.db.selectFrom('audit_log').select('id').where('org_id', '=', orgId).execute();
    expect(audit).toEqual([]);
  });

  it('strips the same text from older audit entries but keeps who did what and when', async () => {
    const { orgId, actionId } = await orgWithUpdates(store, []);
    const entry = {
      actor: 'A Owner',
      entity: 'action',
      entityId: actionId,
      change: 'update',
      before: { rag: 'green', narrative: 'old words' },
      after: { rag: 'amber', narrative: 'new words', blockers: 'no staff' },
    };
    await recordAudit(store.db, orgId, [entry], new Date('2025-02-01T00:00:00Z'));
    await recordAudit(store.db, orgId, [entry], new Date('2025-08-01T00:00:00Z'));

    const report = await purgeBefore(store.db, orgId, {
      before: '2025-06-01',
      dryRun: false,
      actor: 'cli',
      now: NOW,
    });
    expect(report.steps.at(-1)!.rows).toBe(1);
    const rows = await store.db
      .selectFrom('audit_log')
      .select(['actor', 'change', 'before', 'after'])
      .where('org_id', '=', orgId)
      .where('entity', '=', 'action')
      .orderBy('at')
      .execute();
    expect(rows).toEqual([
      { actor: 'A Owner', change: 'update', before: { rag: 'green' }, after: { rag: 'amber' } },
      { actor: 'A Owner', change: 'update', before: entry.before, after: entry.after },
    ]);
  });

  it('writes no audit entry when there was nothing to remove', async () => {
    const { orgId } = await orgWithUpdates(store, ['2025-09-01T09:00:00Z']);
    const report = await purgeBefore(store.db, orgId, {
      before: '2025-06-01',
      dryRun: false,
      actor: 'cli',
      now: NOW,
    });
    expect(report.steps.map((s) => s.rows)).toEqual([0, 0, 0, 0, 0]);
    expect(await store.db.selectFrom('audit_log').select('id').where('org_id', '=', orgId).execute()).toEqual(
      [],
    );
  });

  it('blanks comments of rounds closed before the date, not of later or open rounds', async () => {
    const { orgId } = await orgWithUpdates(store, []);
    const round = async (state: string, closedAt: string | null) => {
      const id = newId();
      await store.db
        .insertInto('pulse_rounds')
        .values({
          id,
          org_id: orgId,
          state: state as 'open' | 'closed',
          opens_on: '2025-01-06',
          closes_on: '2025-01-17',
          created_by: 'test',
          created_at: new Date('2025-01-01T00:00:00Z'),
          closed_at: closedAt ? new Date(closedAt) : null,
        })
        .execute();
      await store.db
        .insertInto('pulse_comments')
        .values({ id: newId(), round_id: id, team: null, text: 'Said' })
        .execute();
      return id;
    };
    const early = await round('closed', '2025-01-17T18:00:00Z');
    const late = await round('closed', '2025-07-01T18:00:00Z');
    const open = await round('open', null);
    const dry = await purgeBefore(store.db, orgId, {
      before: '2025-06-01',
      dryRun: true,
      actor: 'cli',
      now: NOW,
    });
    expect(dry.steps.find((s) => s.name === 'pulse_comments.text')!.rows).toBe(1);
    await purgeBefore(store.db, orgId, { before: '2025-06-01', dryRun: false, actor: 'cli', now: NOW });
    const text = async (roundId: string) =>
      (
        await store.db
          .selectFrom('pulse_comments')
          .select('text')
          .where('round_id', '=', roundId)
          .executeTakeFirst()
      )?.text;
    expect([await text(early), await text(late), await text(open)]).toEqual([null, 'Said', 'Said']);
  });

  it('empties the reasons given for new dates before the date', async () => {
    const { orgId, actionId } = await orgWithUpdates(store, []);
    const personId = newId();
    await store.db
      .insertInto('people')
      .values({ id: personId, org_id: orgId, display_name: 'A Owner', email: `${personId}@example.org` })
      .execute();
    for (const [key, at] of [
      ['old', '2025-02-01T09:00:00Z'],
      ['new', '2025-08-01T09:00:00Z'],
    ] as const) {
      await store.db
        .insertInto('date_requests')
        .values({
          id: newId(),
          org_id: orgId,
          action_id: actionId,
          requested_by_person_id: personId,
          current_due_date: '2025-03-31',
          requested_date: '2025-06-30',
          reason: `Reason ${key}`,
          state: 'declined',
          decided_by_person_id: personId,
          decision_reason: `Decision ${key}`,
          decided_at: new Date(at),
          idempotency_key: key,
          created_at: new Date(at),
        })
        .execute();
    }
    await purgeBefore(store.db, orgId, { before: '2025-06-01', dryRun: false, actor: 'cli', now: NOW });
    const rows = await store.db
      .selectFrom('date_requests')
      .select(['reason', 'decision_reason', 'requested_date'])
      .where('org_id', '=', orgId)
      .orderBy('created_at')
      .execute();
    expect(rows).toEqual([
      { reason: '', decision_reason: null, requested_date: '2025-06-30' },
      { reason: 'Reason new', decision_reason: 'Decision new', requested_date: '2025-06-30' },
    ]);
  });

  it.each([
    ['2025-02-30', '"2025-02-30" is not a date like 2025-04-01'],
    ['01/06/2025', '"01/06/2025" is not a date like 2025-04-01'],
    ['2026-12-01', '2026-12-01 is in the future; give a date up to 2026-11-25'],
  ])('refuses --before %s and changes nothing', async (before, message) => {
    const { orgId } = await orgWithUpdates(store, ['2025-03-01T09:00:00Z']);
    await expect(
      purgeBefore(store.db, orgId, { before, dryRun: false, actor: 'cli', now: NOW }),
    ).rejects.toThrow(message);
    expect((await texts(orgId))[0]!.narrative).toBe('Narrative of 2025-03-01T09:00:00Z');
  });
});

it('turns RETENTION_DAYS into a cutoff date in the schedule time zone', () => {
  expect(retentionCutoff(undefined, NOW, 'Europe/London')).toBeNull();
  expect(retentionCutoff(365, NOW, 'Europe/London')).toBe('2025-11-25');
  expect(retentionCutoff(30, new Date('2026-06-30T23:30:00Z'), 'Europe/London')).toBe('2026-06-01');
});
