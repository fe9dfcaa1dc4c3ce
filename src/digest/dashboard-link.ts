/** entityId of the personal "Plan dashboard" tab in manifest/manifest.json's staticTabs. */
export const DASHBOARD_TAB_ENTITY_ID = 'dashboard';
export const DASHBOARD_TAB_LABEL = 'Plan dashboard';

export interface DashboardLinkOptions {
  /** The bot's public base URL (PUBLIC_URL): the tab's own web address is built from it. */
  publicUrl: string | undefined;
  /** The Teams app id (TEAMS_APP_ID, the manifest's `id`). Unset: the link is the tab's web address. */
  teamsAppId?: string | undefined;
  /** Priority areas to open on (a digest subscription's filter). */
  areas?: string[];
}

/** The Plan dashboard in a browser: `PUBLIC_URL/tab/index.html?view=plan&area=…`. */
export function dashboardWebUrl(publicUrl: string, areas: string[] = []): string {
  const url = new URL('/tab/index.html', publicUrl);
  url.searchParams.set('view', 'plan');
  for (const area of areas) url.searchParams.append('area', area);
  return url.toString();
}

/**
 * The link a card opens the Plan dashboard with; null without PUBLIC_URL.
 *
 * why: opened from a card, the tab's web address loads in a browser, where the tab cannot sign in (Teams SSO
 * works only inside Teams) and says "Open this tab in Microsoft Teams", a dead end on a phone. A Teams deep
 * link to a tab, `https://teams.microsoft.com/l/entity/<appId>/<entityId>?webUrl=…&label=…&context=…`
 * (learn.microsoft.com, "Deep link to an application" > "Configure deep link to browse within your app
 * manually"), opens it inside Teams instead. Its `appId` is the Teams app's id (the manifest's `id`), not the
 * bot's. (The same page names the organisation catalogue's id for a published app; reports differ on which
 * one each client needs, MicrosoftDocs/msteams-docs issues 5881 and 10429: the manifest id is the one we
 * hold, and the one 10429 says new Teams opens at the tab.) The link targets the personal (static) "Plan
 * dashboard" tab: a channel tab would need the channel's id and a tab someone added there, which a digest in
 * a group chat or a preview does not have. A static tab's content URL is fixed in the manifest, so the area
 * filter travels as `context.subEntityId` (the tab reads it as `page.subPageId`), every parameter
 * URL-encoded, as the page asks. `webUrl` is the fallback for a client that cannot show the tab.
 */
export function dashboardLink({ publicUrl, teamsAppId, areas = [] }: DashboardLinkOptions): string | null {
  if (!publicUrl) return null;
  const webUrl = dashboardWebUrl(publicUrl, areas);
  if (!teamsAppId) return webUrl;
  const params = [`webUrl=${encodeURIComponent(webUrl)}`, `label=${encodeURIComponent(DASHBOARD_TAB_LABEL)}`];
  if (areas.length > 0) {
    const subEntityId = new URLSearchParams(areas.map((area) => ['area', area])).toString();
    params.push(`context=${encodeURIComponent(JSON.stringify({ subEntityId }))}`);
  }
  const path = `${encodeURIComponent(teamsAppId)}/${encodeURIComponent(DASHBOARD_TAB_ENTITY_ID)}`;
  return `https://teams.microsoft.com/l/entity/${path}?${params.join('&')}`;
}
