// The IPC the preload exposes, with every payload checked. Pure handlers given their
// effects as arguments, so tests run them under Node.
import { isAbsolute } from 'node:path';
import { IPC } from '../preload/findme-api.js';

export interface IpcEffects {
  adminUrl(): string;
  adminToken(): string;
  appVersion(): string;
  showOpenFolderDialog(): Promise<string | null>;
  showItemInFolder(path: string): void;
}

export class IpcPayloadError extends Error {}

/** A path to reveal: a non-empty absolute path, no NUL, of sane length. */
export function checkRevealPath(payload: unknown): string {
  if (typeof payload !== 'string' || payload.length === 0 || payload.length > 4096 || payload.includes('\0') || !isAbsolute(payload)) {
    throw new IpcPayloadError('revealFile expects an absolute path');
  }
  return payload;
}

/** Only the app's own page (the admin origin) may call IPC. */
export function isTrustedSender(senderUrl: string | undefined, adminUrl: string): boolean {
  if (!senderUrl) return false;
  try {
    return new URL(senderUrl).origin === new URL(adminUrl).origin;
  } catch {
    return false;
  }
}

export function createIpcHandlers(fx: IpcEffects): Record<(typeof IPC)[keyof typeof IPC], (payload: unknown) => unknown> {
  return {
    [IPC.admin]: () => ({ url: fx.adminUrl(), token: fx.adminToken() }),
    [IPC.appVersion]: () => fx.appVersion(),
    [IPC.pickFolder]: () => fx.showOpenFolderDialog(),
    [IPC.revealFile]: (payload) => fx.showItemInFolder(checkRevealPath(payload)),
  };
}
