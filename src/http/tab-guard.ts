import type { Request, Response } from 'restify';
import type { Viewer } from '../access/viewer.js';
import type { AppContext } from '../app-context.js';
import { signInTab } from '../auth/tab-sign-in.js';

export type TabHandler = (req: Request, res: Response, viewer: Viewer) => Promise<void>;

/**
 * Wraps a tab API handler: the caller must sign in (Teams SSO token, or the ENV=local development sign-in)
 * as a person on the roster; otherwise 401/403 with a message the tab shows as it is. Errors are logged
 * with the request id and answered with a neutral 500.
 */
export function withViewer(app: AppContext, handler: TabHandler) {
  return async (req: Request, res: Response) => {
    try {
      const signIn = await signInTab(app, req.header('authorization'));
      if (signIn.kind === 'refused') {
        res.send(signIn.status, { reason: signIn.reason, message: signIn.message });
        return;
      }
      await handler(req, res, signIn.viewer);
    } catch (error) {
      app.log.error({ err: error, requestId: req.id(), path: req.path() }, 'tab API request failed');
      res.send(500, {
        message: 'Something went wrong on the server. Nothing was changed; please try again.',
      });
    }
  };
}

/** A 400/403/404 answer in the tab API's shape. */
export function refuse(res: Response, status: number, message: string): void {
  res.send(status, { message });
}
