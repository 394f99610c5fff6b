// One error type for everything a client can cause: a status, a stable code and a human message.
import type { ErrorCode } from '../contract/common.js';

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    /** Extra top-level fields of the error body (e.g. `events` for choose_event). */
    readonly extra?: Record<string, unknown>,
    /** Response headers (e.g. Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what = 'Not found') => new AppError(404, 'not_found', what);

/**
 * A whole HTTP/1.1 error response in the contract's shape, for answers written on the socket
 * before Fastify has a request (parser errors, refused connections); it closes the connection.
 */
export function rawErrorResponse(status: number, statusText: string, code: ErrorCode, message: string, headers: Record<string, string> = {}): string {
  const body = JSON.stringify({ error: { code, message } });
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return `HTTP/1.1 ${status} ${statusText}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${body}`;
}
