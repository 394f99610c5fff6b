// The dashboard window's options: locked down (context isolation, sandbox, no Node) and
// sized from the remembered bounds. Pure: tested under Node.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowBounds } from './window-state.js';

export function dashboardWindowOptions(preloadPath: string, bounds: WindowBounds, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    title: 'FindMe',
    show: false, // shown on ready-to-show: no white flash
    ...(iconPath && { icon: iconPath }),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  };
}

/** Navigation and new windows stay inside the app (the admin listener's origin). */
export function isAllowedNavigation(url: string, adminOrigin: string): boolean {
  try {
    return new URL(url).origin === new URL(adminOrigin).origin;
  } catch {
    return false;
  }
}

/** The CSP the window enforces on top of the server's own headers. */
export const DASHBOARD_CSP =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";
