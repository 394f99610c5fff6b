// What a job handler says of a job when it returns. A thrown error means only "try again with
// backoff" (up to the job's attempts); everything else is said here, in types.
export type JobOutcome =
  | { status: 'done' }
  /** Nothing to do: what the job was for is gone (deleted meanwhile). */
  | { status: 'skipped' }
  /** Retrying cannot help (a broken file, input an outside service refuses): failed at once. */
  | { status: 'failed'; reason: string }
  /** An outside service is down or refuses our keys: queued again later, without using an attempt. */
  | { status: 'deferred'; reason: string };

export const DONE: JobOutcome = { status: 'done' };
export const SKIPPED: JobOutcome = { status: 'skipped' };
export const failed = (reason: string): JobOutcome => ({ status: 'failed', reason });
export const deferred = (reason: string): JobOutcome => ({ status: 'deferred', reason });
