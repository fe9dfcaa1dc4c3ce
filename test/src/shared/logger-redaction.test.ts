import { describe, expect, it } from 'vitest';
import { redactPaths } from '../../../src/shared/logger.js';
import { captureLogs } from '../../support/log-capture.js';

const SECRET = 'S3cr3t-value-that-must-not-appear';

describe('log redaction (src/shared/logger.ts redactPaths)', () => {
  it.each([
    ['a password', { password: SECRET }],
    ['a nested password', { db: { password: SECRET } }],
    ['the bot secret', { SECRET_BOT_PASSWORD: SECRET }],
    ['the bot secret inside a config object', { config: { SECRET_BOT_PASSWORD: SECRET } }],
    ['a database URL with its password', { config: { DATABASE_URL: `postgres://pp:${SECRET}@db/pp` } }],
    ['a token', { token: SECRET }],
    ['a nested token', { sso: { token: SECRET } }],
    ['an authorization header', { headers: { authorization: `Bearer ${SECRET}` } }],
    ['a request authorization header', { req: { headers: { authorization: `Bearer ${SECRET}` } } }],
    ['an update narrative', { update: { narrative: SECRET } }],
    ['a pulse comment', { answer: { comment: SECRET } }],
    ['pulse comments', { round: { comments: [SECRET] } }],
    ['pulse answers', { round: { answers: { s1: SECRET } } }],
    ['the text of an activity', { activity: { text: SECRET } }],
    ['the value of a card submit', { activity: { value: { narrative: SECRET, comment: SECRET } } }],
  ])('redacts %s', (_label, fields) => {
    const { log, text } = captureLogs();
    log.info(fields, 'something happened');
    expect(text()).toContain('something happened');
    expect(text()).toContain('[redacted]');
    expect(text()).not.toContain(SECRET);
  });

  it('keeps what operators need: ids, counts and the message', () => {
    const { log, lines } = captureLogs();
    log.warn({ activityId: 'a-1', orgId: 'tenant-1', enqueued: 3 }, 'weekly digest enqueued');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      activityId: 'a-1',
      orgId: 'tenant-1',
      enqueued: 3,
      msg: 'weekly digest enqueued',
      app: 'practice-pulse',
    });
  });

  it('logs errors with their message but no secret carried in a redacted field', () => {
    const { log, text } = captureLogs();
    const err = Object.assign(new Error('connector said no'), { token: SECRET });
    log.error({ err }, 'send failed');
    expect(text()).toContain('connector said no');
    expect(text()).not.toContain(SECRET);
  });

  it('logs a database error without the values it was given (a comment in params, a key in detail)', () => {
    const { log, text } = captureLogs();
    const err = Object.assign(new Error('duplicate key value violates unique constraint'), {
      query: 'insert into "pulse_ballots" ("id", "link", "comment") values ($1, $2, $3)',
      params: ['b-1', 'link-hmac', SECRET],
      detail: `Key (round_id, link)=(r-1, ${SECRET}) already exists.`,
    });
    log.error({ err, activityId: 'a-1' }, 'turn failed');
    expect(text()).toContain('duplicate key value');
    expect(text()).toContain('insert into');
    expect(text()).not.toContain(SECRET);
  });

  // why: pino's `*` matches one level only. This pins the limit so a log call that nests free text deeper is
  // known to need its own path (docs/security.md lists it as a residual risk; the pulse-round leak test covers
  // the real log calls).
  it('documents the limit: free text two levels below a key is not matched by `*.text`', () => {
    const { log, text } = captureLogs();
    log.info({ turn: { activity: { text: SECRET } } }, 'deep');
    expect(text()).toContain(SECRET);
    expect(redactPaths).toContain('*.text');
  });
});
