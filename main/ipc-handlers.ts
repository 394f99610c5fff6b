// The IPC the preload exposes, typed from the one declaration of the preload API, with every
// payload checked. Pure handlers given their effects as arguments, so tests run them under Node.
import { IPC, type FindMeDesktopApi } from '../preload/findme-api.js';

export interface IpcEffects {
  showOpenFolderDialog(): Promise<string | null>;
}

export class IpcPayloadError extends Error {}

/** Methods without arguments take no payload: anything sent is refused. */
export function checkNoPayload(payload: unknown): void {
  if (payload !== undefined) throw new IpcPayloadError('this call takes no payload');
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

type Handlers = { [K in keyof FindMeDesktopApi as (typeof IPC)[K]]: (payload: unknown) => ReturnType<FindMeDesktopApi[K]> };

export function createIpcHandlers(fx: IpcEffects): Handlers {
  return {
    [IPC.pickFolder]: (payload) => {
      checkNoPayload(payload);
      return fx.showOpenFolderDialog();
    },
  };
}
