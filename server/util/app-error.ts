// One error type for everything a client can cause: a status, a stable code and a human message.
// Every layer may throw it (services, ingest, the FTP receiver); the HTTP layer turns it into an answer.
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
