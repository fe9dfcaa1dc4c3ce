import { can } from '../access/viewer.js';
import type { AppContext } from '../app-context.js';
import { listActions } from '../plan/action.repository.js';
import type { RouteRegistrar } from './server.js';
import { buildDashboard, dashboardQuery } from './tab-dashboard.js';
import { refuse, withViewer } from './tab-guard.js';

const LEADERS_ONLY =
  'The Plan dashboard is for programme leads and the programme office. Your own actions are in "My actions".';

/**
 * `GET /api/tab/plan?area=&role=&status=`: the Plan dashboard, for the people who read the digest;
 * `GET /api/tab/areas`: the plan's priority area names, for the tab's configuration page (anyone on the roster).
 */
export function tabDashboardRoutes(app: AppContext): RouteRegistrar {
  return (server) => {
    server.get(
      '/api/tab/areas',
      withViewer(app, async (_req, res, viewer) => {
        const plan = await listActions(app.db, viewer.orgId);
        res.send(200, { areas: [...new Set(plan.map((a) => a.priorityArea))] });
      }),
    );

    server.get(
      '/api/tab/plan',
      withViewer(app, async (req, res, viewer) => {
        // why: the dashboard shows the whole plan, as the digest does: the same people may see it.
        if (!can(viewer, 'previewDigest')) return refuse(res, 403, LEADERS_ONLY);
        const query = dashboardQuery.safeParse(req.query ?? {});
        if (!query.success) return refuse(res, 400, query.error.issues[0]?.message ?? 'Unknown filter.');
        const dashboard = await buildDashboard(app, viewer, query.data);
        if ('unknownArea' in dashboard)
          return refuse(res, 400, `There is no priority area called "${dashboard.unknownArea}" in the plan.`);
        res.send(200, { ...dashboard, canExport: can(viewer, 'export') });
      }),
    );
  };
}
