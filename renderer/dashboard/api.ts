// The dashboard's access to the admin API: the token from the URL, JSON calls, uploads with
// progress, and the live event stream.
import type { FindMeDesktopApi } from '../../preload/findme-api';
import type { AdminStreamEvents, StreamTicket } from '../../server/contract/admin';
import { ApiError, apiFetch } from '../shared/api-client';

const TOKEN_KEY = 'findme.adminToken';

export function readAdminToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function createAdminApi(token: string) {
  const call = <T>(method: string, path: string, body?: unknown) =>
    apiFetch<T>(path, { method, token, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return {
    token,
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body?: unknown) => call<T>('POST', path, body),
    put: <T>(path: string, body: unknown) => call<T>('PUT', path, body),
    patch: <T>(path: string, body: unknown) => call<T>('PATCH', path, body),
    del: (path: string) => call<void>('DELETE', path),

    /** An image the admin API serves (it needs the token, so no plain <img src>), as an object URL to revoke after use. */
    async imageUrl(path: string): Promise<string> {
      const res = await fetch(path, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return URL.createObjectURL(await res.blob());
    },

    /** Multipart upload with progress (0..1). */
    upload<T>(path: string, field: string, files: File[], onProgress: (p: number) => void): Promise<T> {
      return new Promise((resolve, reject) => {
        const form = new FormData();
        for (const f of files) form.append(field, f, f.name);
        const xhr = new XMLHttpRequest();
        xhr.open('POST', path);
        xhr.setRequestHeader('Authorization', `Bearer ${token}`);
        xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
        xhr.onload = () => {
          type Answer = T & { error?: { code: string; message: string } };
          const body = ((): Answer | null => {
            try {
              return JSON.parse(xhr.responseText || 'null') as Answer | null;
            } catch {
              return null; // not JSON (a proxy's page, a cut answer): the status says enough
            }
          })();
          if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
          else reject(new ApiError(xhr.status, body?.error?.code ?? 'network_error', body?.error?.message ?? `HTTP ${xhr.status}`, body));
        };
        xhr.onerror = () => reject(new ApiError(0, 'network_error', 'The server does not answer.', null));
        xhr.send(form);
      });
    },

    /**
     * The admin event stream; returns a function that closes it. Each connection is opened with
     * a one-use ticket (never the token in a URL); when it drops, a new ticket opens the next.
     */
    stream(
      handlers: { [K in keyof AdminStreamEvents]?: (data: AdminStreamEvents[K]) => void },
      onState: (connected: boolean) => void,
      /** The token is refused (a wrong or old dashboard address): the stream stops trying. */
      onUnauthorized: () => void = () => {},
    ): () => void {
      let source: EventSource | null = null;
      let retry: ReturnType<typeof setTimeout> | undefined;
      let closed = false;
      const open = async () => {
        try {
          const { ticket } = await call<StreamTicket>('POST', '/api/admin/stream-ticket');
          if (closed) return;
          source = new EventSource(`/api/admin/stream?ticket=${encodeURIComponent(ticket)}`);
        } catch (err) {
          onState(false);
          if (err instanceof ApiError && err.status === 401) return onUnauthorized();
          if (!closed) retry = setTimeout(() => void open(), 3000);
          return;
        }
        source.onopen = () => onState(true);
        source.onerror = () => {
          // The browser would retry with the used ticket: close, and come back with a new one.
          onState(false);
          source?.close();
          if (!closed) retry = setTimeout(() => void open(), 3000);
        };
        for (const [name, fn] of Object.entries(handlers) as [string, (data: unknown) => void][]) {
          source.addEventListener(name, (e) => fn(JSON.parse((e as MessageEvent<string>).data)));
        }
      };
      void open();
      return () => {
        closed = true;
        clearTimeout(retry);
        source?.close();
      };
    },
  };
}
export type AdminApi = ReturnType<typeof createAdminApi>;

/** What Electron's preload exposes (absent in a plain browser), declared once in preload/findme-api.ts. */
export const desktop = (window as unknown as { findme?: FindMeDesktopApi }).findme ?? null;
