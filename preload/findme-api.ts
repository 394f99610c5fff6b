// The one typed API the dashboard window gets from the main process (window.findme). The
// preload implements it, main's IPC handlers are typed from it, and the dashboard imports this
// type (and nothing else of preload/).
export interface FindMeDesktopApi {
  /** Native folder picker; null when cancelled. */
  pickFolder(): Promise<string | null>;
}

/** The IPC channel of each method. */
export const IPC = {
  pickFolder: 'findme:pick-folder',
} as const satisfies Record<keyof FindMeDesktopApi, string>;
