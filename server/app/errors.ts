// One error type for everything a client can cause: a status, a stable code and a human message.
import type { ErrorCode } from '../contract/common.js';

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    /** Extra top-level fields of the error body (e.g. `events` for choose_event). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what = 'Not found') => new AppError(404, 'not_found', what);
