// A whole HTTP/1.1 error response written on the socket before Fastify has a request.
import type { ErrorCode } from '../contract/common.js';

/**
 * A whole HTTP/1.1 error response in the contract's shape, for answers written on the socket
 * before Fastify has a request (parser errors, refused connections); it closes the connection.
 */
export function rawErrorResponse(status: number, statusText: string, code: ErrorCode, message: string, headers: Record<string, string> = {}): string {
  const body = JSON.stringify({ error: { code, message } });
  const extra = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return `HTTP/1.1 ${status} ${statusText}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${body}`;
}
