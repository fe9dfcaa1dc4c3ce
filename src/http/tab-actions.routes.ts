import { z } from 'zod';
import { can } from '../access/viewer.js';
import type { AppContext } from '../app-context.js';
import { localDate } from '../calendar/iso-date.js';
import { findPersonById } from '../people/people.repository.js';
import { listActionsFor } from '../plan/action.repository.js';
import { firstProblem } from '../updates/status-update.input.js';
import type { RouteRegistrar } from './server.js';
import { tabActions } from './tab-action-views.js';
import type { TabMe, TabMyActions } from './tab-api.types.js';
import { refuse, withViewer } from './tab-guard.js';

const personQuery = z.object({ person: z.uuid('Unknown person.').optional() }).strict();

/** `/api/tab/me` and `/api/tab/my-actions` (yours, or anyone's for programme leads and admins). */
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
  };
}
