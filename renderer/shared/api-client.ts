// A small fetch wrapper that turns the API's error bodies into thrown ApiErrors.
import type { ErrorBody } from '../../server/contract/common';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

/** A server that sheds load answers 503 with Retry-After: the call is made again, a few times, after that wait. */
const BUSY_RETRIES = 3;
const MAX_BUSY_WAIT_S = 10;

export async function apiFetch<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  if (init.body && typeof init.body === 'string') headers.set('Content-Type', 'application/json');
  let res = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  for (let retry = 0; retry < BUSY_RETRIES && res.status === 503; retry++) {
    const wait = Number(res.headers.get('Retry-After'));
    if (!(wait > 0 && wait <= MAX_BUSY_WAIT_S)) break;
    await new Promise((r) => setTimeout(r, wait * 1000 * (1 + Math.random() / 2))); // spread the comebacks
    res = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  }
  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as ErrorBody | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'network_error', err?.message ?? `HTTP ${res.status}`, body);
  }
  return body as T;
}
