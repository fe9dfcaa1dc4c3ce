import { z } from 'zod';
import { can, type Viewer } from '../access/viewer.js';
import type { AppContext } from '../app-context.js';
import { localDate, localTime } from '../calendar/iso-date.js';
import { findPersonById } from '../people/people.repository.js';
import { findActionById, listActionsFor } from '../plan/action.repository.js';
import { firstProblem, statusUpdateInputSchema } from '../updates/status-update.input.js';
import type { RefusalReason } from '../updates/status-update.js';
import { recordStatusUpdate } from '../updates/status-update.service.js';
import type { RouteRegistrar } from './server.js';
import { tabActions } from './tab-action-views.js';
import type { TabMe, TabMyActions, TabUpdateResult } from './tab-api.types.js';
import { refuse, withViewer } from './tab-guard.js';

const REFUSAL_STATUS: Record<RefusalReason, number> = {
  invalid: 400,
  not_found: 403,
  not_allowed: 403,
  closed: 409,
};
const personQuery = z.object({ person: z.uuid('Unknown person.').optional() }).strict();
const actionParams = z.object({ actionId: z.uuid('Unknown action.') });

/** `/api/tab/me`, `/api/tab/my-actions` and the update form's `POST /api/tab/actions/:actionId/updates`. */
export function tabActionRoutes(app: AppContext): RouteRegistrar {
  return (server) => {
    server.get(
      '/api/tab/me',
      withViewer(app, async (_req, res, viewer) => {
        const me: TabMe = {
          name: viewer.person.display_name,
          roles: viewer.roles,
          canSeePlan: can(viewer, 'previewDigest'),
          canExport: can(viewer, 'export'),
        };
        res.send(200, me);
      }),
    );

    server.get(
      '/api/tab/my-actions',
      withViewer(app, async (req, res, viewer) => {
        const query = personQuery.safeParse(req.query ?? {});
        if (!query.success) return refuse(res, 400, firstProblem(query.error));
        const personId = query.data.person ?? viewer.person.id;
        // why: someone else's list is for programme leads and admins only; owners see their own.
        if (personId !== viewer.person.id && !can(viewer, 'previewDigest'))
          return refuse(res, 403, "You can only see your own actions. Programme leads can see everyone's.");
        const person = await findPersonById(app.db, viewer.orgId, personId);
        if (!person) return refuse(res, 404, 'That person is not on the roster.');
        const now = app.clock.now();
        const actions = await listActionsFor(app.db, viewer.orgId, person.id);
        const body: TabMyActions = {
          person: { id: person.id, name: person.display_name },
          today: localDate(now, app.config.TIME_ZONE),
          actions: await tabActions(app.db, viewer, actions, localDate(now, app.config.TIME_ZONE), now),
        };
        res.send(200, body);
      }),
    );

    server.post(
      '/api/tab/actions/:actionId/updates',
      withViewer(app, async (req, res, viewer) => {
        const params = actionParams.safeParse(req.params);
        if (!params.success) return refuse(res, 404, firstProblem(params.error));
        const input = statusUpdateInputSchema.safeParse(req.body ?? {});
        if (!input.success) return refuse(res, 400, firstProblem(input.error));
        if (input.data.actionId !== params.data.actionId)
          return refuse(res, 400, 'The update names a different action from the one it was sent for.');
        const now = app.clock.now();
        const result = await recordStatusUpdate(app.db, viewer, input.data, now);
        if (result.kind === 'refused') {
          const body: TabUpdateResult = { outcome: 'refused', message: result.message };
          res.send(REFUSAL_STATUS[result.reason], body);
          return;
        }
        res.send(200, await answer(app, viewer, result.kind, result.action.id, now));
      }),
    );
  };
}

async function answer(
  app: AppContext,
  viewer: Viewer,
  outcome: 'recorded' | 'duplicate',
  actionId: string,
  now: Date,
): Promise<TabUpdateResult> {
  const action = await findActionById(app.db, viewer.orgId, actionId);
  if (!action) return { outcome, message: 'Recorded.' };
  const today = localDate(now, app.config.TIME_ZONE);
  const [view] = await tabActions(app.db, viewer, [action], today, now);
  const message =
    outcome === 'recorded'
      ? `${action.ref} recorded: ${view?.status.replace(/, today$/, '')} at ${localTime(now, app.config.TIME_ZONE)}.`
      : `${action.ref}: this update was already recorded; nothing new was added.`;
  return { outcome, message, ...(view ? { action: view } : {}) };
}
