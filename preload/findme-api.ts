// The one typed API the dashboard window gets from the main process (window.findme).
export interface FindMeDesktopApi {
  /** The admin listener's URL and token, so the dashboard can call the admin API. */
  admin(): Promise<{ url: string; token: string }>;
  /** Native folder picker; null when cancelled. */
  pickFolder(): Promise<string | null>;
  /** Shows a file in Finder / Explorer. */
  revealFile(path: string): Promise<void>;
  appVersion(): Promise<string>;
}

export const IPC = {
  admin: 'findme:admin',
  pickFolder: 'findme:pick-folder',
  revealFile: 'findme:reveal-file',
  appVersion: 'findme:app-version',
} as const;
