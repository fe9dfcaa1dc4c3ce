import { z } from 'zod';
import { can } from '../access/viewer.js';
import type { AppContext } from '../app-context.js';
import { ExportRequestError } from '../digest/export-request.js';
import { buildPlanExport } from '../digest/plan-export.js';
import type { RouteRegistrar } from './server.js';
import { refuse, withViewer } from './tab-guard.js';

const exportQuery = z
  .object({
    format: z.string().max(10).default('xlsx'),
    area: z
      .union([z.string().max(200), z.array(z.string().max(200)).max(50)])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .optional(),
    from: z.string().max(20).optional(),
    to: z.string().max(20).optional(),
  })
  .strict();

/**
 * `GET /api/tab/export?format=xlsx|csv&area=&from=&to=`: the board-paper export (the digest's figures),
 * for programme leads and admins, as a download.
 */
export function tabExportRoutes(app: AppContext): RouteRegistrar {
  return (server) => {
    server.get(
      '/api/tab/export',
      withViewer(app, async (req, res, viewer) => {
        if (!can(viewer, 'export'))
          return refuse(res, 403, 'Exports are for programme leads and the programme office.');
        const query = exportQuery.safeParse(req.query ?? {});
        if (!query.success)
          return refuse(res, 400, `Unknown export option: ${query.error.issues[0]?.path.join('.')}`);
        const { format, area, from, to } = query.data;
        try {
          const file = await buildPlanExport(
            app.db,
            viewer.orgId,
            { format: format as 'xlsx', from, to, ...(area?.length ? { priorityAreas: area } : {}) },
            app.clock.now(),
            { timeZone: app.config.TIME_ZONE, minGroup: app.config.PULSE_MIN_GROUP },
          );
          res.setHeader('content-type', file.contentType);
          res.setHeader('content-disposition', `attachment; filename="${file.filename}"`);
          res.setHeader('cache-control', 'no-store');
          res.sendRaw(200, file.body);
        } catch (error) {
          if (!(error instanceof ExportRequestError)) throw error;
          refuse(res, 400, `The export could not be made: ${error.message}.`);
        }
      }),
    );
  };
}
