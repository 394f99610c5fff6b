// The attendee API of API.md, typed by the server's contract. Same origin: the session cookie
// set by register/login goes with every request.
import type {
  AuthResponse,
  CheckAvailabilityResponse,
  CheckEventCodeResponse,
  LoginBody,
  MeResponse,
  MyPhotosResponse,
  RegisterBody,
  ResetPasswordBody,
  Selfie,
} from '../../server/contract/attendee';
import type { EventRef } from '../../server/contract/common';
import { photoPath } from '../../server/contract/limits';
import { brandFromCodeCheck, brandFromMe } from './branding';
import { ApiError, apiFetch } from '../shared/api-client';

const q = encodeURIComponent;

export const api = {
  // Both calls that name the event also bring its look (colour, logo): applied as they answer.
  checkEventCode: (code: string, signal?: AbortSignal) =>
    apiFetch<CheckEventCodeResponse>(`/api/check-event-code?code=${q(code)}`, { signal }).then((r) => {
      brandFromCodeCheck(code, r.event, r.branding);
      return r;
    }),
  availability: (code: string, field: { username?: string; email?: string }, signal?: AbortSignal) => {
    const params = new URLSearchParams({ code, ...field });
    return apiFetch<CheckAvailabilityResponse>(`/api/check-user-availability?${params}`, { signal });
  },
  register: (body: RegisterBody) => apiFetch<AuthResponse>('/api/register', { method: 'POST', body: JSON.stringify(body) }),
  login: (body: LoginBody) => apiFetch<AuthResponse>('/api/login', { method: 'POST', body: JSON.stringify(body) }),
  logout: () => apiFetch<void>('/api/logout', { method: 'POST' }),
  me: () =>
    apiFetch<MeResponse>('/api/me').then((r) => {
      brandFromMe(r.attendee.eventId, r.branding);
      return r;
    }),
  resetPassword: (body: ResetPasswordBody) => apiFetch<AuthResponse>('/api/reset-password', { method: 'POST', body: JSON.stringify(body) }),
  myPhotos: (cursor: string | null, limit = 30) => apiFetch<MyPhotosResponse>(`/api/my-photos?limit=${limit}${cursor ? `&cursor=${q(cursor)}` : ''}`),
  notMe: (photoId: string) => apiFetch<void>(`/api/photo/${q(photoId)}/not-me`, { method: 'POST' }),
  undoNotMe: (photoId: string) => apiFetch<void>(`/api/photo/${q(photoId)}/not-me/undo`, { method: 'POST' }),
  deleteMe: () => apiFetch<void>('/api/me', { method: 'DELETE' }),
};

export const photoUrl = photoPath;
export const ZIP_URL = '/api/my-photos/zip';

/** The stable code of an error: the server's, or `network_error` when nothing came back. */
export function errorCode(err: unknown): string {
  if (err instanceof ApiError) return err.code;
  return 'network_error';
}

export const isAbort = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';

/** The events offered by a 409 choose_event answer to /api/login. */
export function chooseEventOptions(err: unknown): EventRef[] | null {
  if (!(err instanceof ApiError) || err.code !== 'choose_event') return null;
  const events = (err.body as { events?: EventRef[] } | null)?.events;
  return Array.isArray(events) ? events : null;
}

/**
 * POST /api/upload-selfie with XMLHttpRequest, for its upload progress (fetch has none).
 * `onProgress` gets a fraction from 0 to 1.
 */
export function uploadSelfie(file: Blob, onProgress: (fraction: number) => void): Promise<{ selfie: Pick<Selfie, 'id' | 'status'> }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/upload-selfie');
    xhr.withCredentials = true;
    xhr.timeout = 120_000;
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { error?: { code?: string; message?: string } } | null;
      if (xhr.status === 202 && body) {
        onProgress(1);
        resolve(body as { selfie: Pick<Selfie, 'id' | 'status'> });
        return;
      }
      const code = body?.error?.code ?? (xhr.status === 429 ? 'rate_limited' : 'network_error');
      reject(new ApiError(xhr.status, code, body?.error?.message ?? `HTTP ${xhr.status}`, body));
    };
    const fail = () => reject(new ApiError(0, 'network_error', 'network error', null));
    xhr.onerror = fail;
    xhr.ontimeout = fail;
    const form = new FormData();
    form.append('file', file, 'selfie.jpg');
    xhr.send(form);
  });
}

/** Remembers event names by id, so the header can show the event after a reload. */
export const eventNames = {
  get(id: string): string | null {
    try {
      return (JSON.parse(localStorage.getItem('findme.events') ?? '{}') as Record<string, string>)[id] ?? null;
    } catch {
      return null;
    }
  },
  remember(events: EventRef[]) {
    try {
      const all = JSON.parse(localStorage.getItem('findme.events') ?? '{}') as Record<string, string>;
      for (const e of events) all[e.id] = e.name;
      localStorage.setItem('findme.events', JSON.stringify(all));
    } catch {
      // storage blocked: the header simply shows no event name
    }
  },
};
