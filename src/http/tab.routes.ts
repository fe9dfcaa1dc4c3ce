import type { AppContext } from '../app-context.js';
import type { RouteRegistrar } from './server.js';
import { tabActionRoutes } from './tab-actions.routes.js';
import { tabDashboardRoutes } from './tab-dashboard.routes.js';
import { tabExportRoutes } from './tab-export.routes.js';
import { tabStaticRoutes } from './tab-static.routes.js';
import { tabUpdateRoutes } from './tab-updates.routes.js';

/** Everything the Teams tab needs: its static files under /tab/ and its JSON API under /api/tab/. */
export function tabRoutes(app: AppContext, options: { tabDir?: string } = {}): RouteRegistrar {
  const parts = [
    tabStaticRoutes(app, options.tabDir),
    tabActionRoutes(app),
    tabUpdateRoutes(app),
    tabDashboardRoutes(app),
    tabExportRoutes(app),
  ];
  return (server) => {
    for (const register of parts) register(server);
  };
}
