import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';

export interface HostOptions {
  /** The tab server's origin, e.g. http://127.0.0.1:4321. */
  origin: string;
  /** Path of the tab page under the origin, e.g. /tab/index.html?view=mine. */
  tabPath: string;
  token: string | null;
  tenantId: string;
  objectId: string;
  theme?: 'default' | 'dark' | 'contrast';
  frameContext?: 'content' | 'settings';
  /** The tab's entityId (default: plan-dashboard for a `view=plan` path, my-actions otherwise). */
  entityId?: string;
  /** What a deep link's `context.subEntityId` hands the tab (teams-js: `page.subPageId`). */
  subEntityId?: string;
  width?: number;
  height?: number;
}

// why: no import of the store helpers here, so the bench can use this file outside vitest.
const HOST_HTML = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'tab-host', 'host.html'), 'utf8');

/**
 * Opens the tab inside the mock Teams host (test/fixtures/tab-host/host.html). The host page is served
 * from the tab's own origin by routing one path, because teams-js only listens to its parent when the
 * parent's origin is a Teams origin or its own. Requests to any other host are refused: tests run offline.
 */
export async function openInHost(
  context: BrowserContext,
  options: HostOptions,
): Promise<{ page: Page; tab: Frame; consoleErrors: string[] }> {
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.setViewportSize({ width: options.width ?? 1024, height: options.height ?? 900 });
  await page.route(
    (url) => url.origin !== options.origin,
    (route) => route.abort(),
  );
  const config = {
    tabUrl: `${options.origin}${options.tabPath}`,
    token: options.token,
    tenantId: options.tenantId,
    objectId: options.objectId,
    theme: options.theme ?? 'default',
    frameContext: options.frameContext ?? 'content',
    entityId: options.entityId ?? (options.tabPath.includes('plan') ? 'plan-dashboard' : 'my-actions'),
    subEntityId: options.subEntityId,
  };
  await page.route(`${options.origin}/__teams-host__`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: HOST_HTML.replace(
        '<script>',
        `<script>window.HOST_CONFIG = ${JSON.stringify(config)};</script>\n<script>`,
      ),
    }),
  );
  await page.goto(`${options.origin}/__teams-host__`);
  const handle = await page.waitForSelector('iframe#tab');
  const tab = await handle.contentFrame();
  if (!tab) throw new Error('the mock host has no tab frame');
  await tab.waitForLoadState('domcontentloaded');
  return { page, tab, consoleErrors };
}

/** Milliseconds from the tab frame's navigation start to its first full render (the tab's performance mark). */
export async function firstRenderMs(tab: Frame): Promise<number> {
  await tab.waitForFunction(() => performance.getEntriesByName('practice-pulse:first-render').length > 0);
  return tab.evaluate(() => performance.getEntriesByName('practice-pulse:first-render')[0]!.startTime);
}

const AXE = readFileSync(
  join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'),
  'utf8',
);

/** Runs axe-core in the tab frame (WCAG 2.1 A and AA rules); returns violations as "rule: target" lines. */
export async function axeViolations(tab: Frame): Promise<string[]> {
  await tab.evaluate(AXE);
  return tab.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } })
      .axe;
    const result = await axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
    });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${v.help})`));
  });
}

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: string[] }[] }[];
}
