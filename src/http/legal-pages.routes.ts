import type { Request, Response } from 'restify';
import { LEGAL_STYLE_HASH, type LegalPageSettings, privacyPage, termsPage } from './legal-pages.js';
import type { RouteRegistrar } from './server.js';

// why: plain pages with no script and no outside resource; only their own inline style may apply.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src '${LEGAL_STYLE_HASH}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `/privacy.html` and `/terms.html`: the privacy notice and terms of use the Teams manifest links to
 * (`PRIVACY_URL`, `TERMS_URL`), rendered once at start from the settings they describe.
 */
export function legalPageRoutes(settings: LegalPageSettings): RouteRegistrar {
  const pages = new Map([
    ['/privacy.html', Buffer.from(privacyPage(settings))],
    ['/terms.html', Buffer.from(termsPage())],
  ]);
  return (server) => {
    for (const [path, body] of pages) {
      server.get(path, async (_req: Request, res: Response) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.setHeader('cache-control', 'public, max-age=3600');
        res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
        res.setHeader('x-content-type-options', 'nosniff');
        res.setHeader('referrer-policy', 'no-referrer');
        res.sendRaw(200, body);
      });
    }
  };
}
