import { app, authentication } from '@microsoft/teams-js';
import type { Credentials } from './api.js';

export type Theme = 'default' | 'dark' | 'contrast';

/** What the tab needs from wherever it runs: the theme, and credentials for the tab API. */
export interface Host {
  inTeams: boolean;
  theme: Theme;
  /** What a deep link asked the tab to show (its `context.subEntityId`); '' when none. */
  subPageId: string;
  credentials: Credentials;
  onThemeChange(handler: (theme: Theme) => void): void;
}

export const asTheme = (value: string | undefined): Theme =>
  value === 'dark' || value === 'contrast' ? value : 'default';

/**
 * True inside a Teams client. why: desktop and web Teams host tabs in an iframe; the mobile clients load
 * them in a web view without a parent frame but inject `nativeInterface` for teams-js to talk to.
 */
export function insideTeams(): boolean {
  return window.parent !== window || 'nativeInterface' in window;
}

/** Connects to the Teams host: initialize, read the context (theme), and SSO tokens on demand. */
export async function connectTeams(): Promise<Host> {
  await app.initialize();
  const context = await app.getContext();
  return {
    inTeams: true,
    theme: asTheme(context.app.theme),
    subPageId: context.page.subPageId ?? '',
    // why: Teams caches the SSO token and refreshes it before expiry, so asking per request costs nothing.
    credentials: async () => `Bearer ${await authentication.getAuthToken()}`,
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(asTheme(theme))),
  };
}

/** Outside Teams with ENV=local: the development sign-in picked on the page, kept for the browser session. */
export function devHost(objectId: string): Host {
  const query = new URLSearchParams(location.search).get('theme') ?? undefined;
  return {
    inTeams: false,
    theme: asTheme(query),
    subPageId: '',
    credentials: async () => `Dev ${objectId}`,
    onThemeChange: () => {},
  };
}

export function applyTheme(theme: Theme): void {
  document.body.dataset.theme = theme;
}
