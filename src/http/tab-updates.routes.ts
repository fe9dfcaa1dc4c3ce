import type { Response } from 'restify';
import { z } from 'zod';
import type { Viewer } from '../access/viewer.js';
import type { AppContext } from '../app-context.js';
import { localDate, localTime } from '../calendar/iso-date.js';
import { findActionById } from '../plan/action.repository.js';
import {
  firstProblem,
  type StatusUpdateInput,
  statusUpdateInputSchema,
} from '../updates/status-update.input.js';
import { NOT_YOURS, type RefusalReason, type UpdateKind } from '../updates/status-update.js';
import { recordStatusUpdate } from '../updates/status-update.service.js';
import type { RouteRegistrar } from './server.js';
import { tabActions } from './tab-action-views.js';
import type { TabUpdateResult } from './tab-api.types.js';
import { refuse, withViewer } from './tab-guard.js';

const REFUSAL_STATUS: Record<RefusalReason, number> = {
  invalid: 400,
  not_found: 403,
  not_allowed: 403,
  closed: 409,
};
const actionParams = z.object({ actionId: z.uuid('Unknown action.') });
const onTrackBody = z.object({ idempotencyKey: z.string().min(1).max(200) }).strict();
const doneBody = z
  .object({
    narrative: z.string().optional(),
    evidenceUrl: z.string().optional(),
    idempotencyKey: z.string().min(1).max(200),
  })
  .strict();
/** The card's message when Done is sent without saying what was delivered. */
const DONE_NEEDS_EVIDENCE = 'Say what was delivered: the evidence that it is done.';

/**
 * The tab's writes, through the same service as the card (recordStatusUpdate: server-side permission,
 * one transaction with the audit entry, idempotent): the update form, *On track* in one tap, and *Done*
 * (green at 100%, with what was delivered), which completes the action.
 */
export function tabUpdateRoutes(app: AppContext): RouteRegistrar {
  return (server) => {
    server.post(
      '/api/tab/actions/:actionId/updates',
      withViewer(app, async (req, res, viewer) => {
        const params = actionParams.safeParse(req.params);
        if (!params.success) return refuse(res, 404, firstProblem(params.error));
        const input = statusUpdateInputSchema.safeParse(req.body ?? {});
        if (!input.success) return refuse(res, 400, firstProblem(input.error));
        if (input.data.actionId !== params.data.actionId)
          return refuse(res, 400, 'The update names a different action from the one it was sent for.');
        await record(app, res, viewer, input.data, 'update');
      }),
    );

    server.post(
      '/api/tab/actions/:actionId/done',
      withViewer(app, async (req, res, viewer) => {
        const params = actionParams.safeParse(req.params);
        if (!params.success) return refuse(res, 404, firstProblem(params.error));
        const body = doneBody.safeParse(req.body ?? {});
        if (!body.success)
          return refuse(res, 400, 'The request could not be read. Reload the tab and try again.');
        if (!body.data.narrative?.trim()) return refuse(res, 400, DONE_NEEDS_EVIDENCE);
        const input = statusUpdateInputSchema.safeParse({
          ...body.data,
          actionId: params.data.actionId,
          rag: 'green',
          percent: 100,
          idempotencyKey: `${body.data.idempotencyKey}:done`,
        });
        if (!input.success) return refuse(res, 400, firstProblem(input.error));
        await record(app, res, viewer, input.data, 'done');
      }),
    );

    server.post(
      '/api/tab/actions/:actionId/on-track',
      withViewer(app, async (req, res, viewer) => {
        const params = actionParams.safeParse(req.params);
        if (!params.success) return refuse(res, 404, firstProblem(params.error));
        const body = onTrackBody.safeParse(req.body ?? {});
        if (!body.success)
          return refuse(res, 400, 'The request could not be read. Reload the tab and try again.');
        const action = await findActionById(app.db, viewer.orgId, params.data.actionId);
        if (!action) return refuse(res, 403, NOT_YOURS);
        // why: as the card's *On track*: green, percent unchanged, nothing to fill in.
        const input = { actionId: action.id, rag: 'green' as const, percent: action.percent ?? 0 };
        await record(
          app,
          res,
          viewer,
          { ...input, idempotencyKey: `${body.data.idempotencyKey}:on_track` },
          'on_track',
        );
      }),
    );
  };
}

async function record(
  app: AppContext,
  res: Response,
  viewer: Viewer,
  input: StatusUpdateInput,
  kind: UpdateKind,
) {
  const now = app.clock.now();
  const result = await recordStatusUpdate(app.db, viewer, input, now, { kind });
  if (result.kind === 'refused') {
    const body: TabUpdateResult = { outcome: 'refused', message: result.message };
    res.send(REFUSAL_STATUS[result.reason], body);
    return;
  }
  const action = (await findActionById(app.db, viewer.orgId, result.action.id)) ?? result.action;
  const [view] = await tabActions(app.db, viewer, [action], localDate(now, app.config.TIME_ZONE), now);
  const at = localTime(now, app.config.TIME_ZONE);
  const before = result.kind === 'recorded' ? result.before.percent : null;
  let message = `${action.ref}: this update was already recorded; nothing new was added.`;
  if (result.kind === 'recorded' && kind === 'done') {
    message = `${action.ref} recorded as done at ${at}.`;
  } else if (result.kind === 'recorded' && kind === 'on_track') {
    const unchanged = before === action.percent ? 'unchanged ' : '';
    message = `${action.ref} recorded as on track (${unchanged}${action.percent ?? 0}%) at ${at}.`;
  } else if (result.kind === 'recorded') {
    message = `${action.ref} recorded: ${view?.status.replace(/, today$/, '')} at ${at}.`;
  }
  const body: TabUpdateResult = { outcome: result.kind, message, ...(view ? { action: view } : {}) };
  res.send(200, body);
}
