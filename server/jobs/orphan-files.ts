// Files a job wrote for a photo or selfie that was deleted while the job ran (an account
// deleted during its selfie check, an event purged during an ingest) are removed once the job
// ends: the deletion already cleaned up, and the worker wrote after it.
import { rm } from 'node:fs/promises';
import type { JobRow } from '../db/repositories/jobs-repo.js';
import type { JobHandler } from './scheduler.js';

export interface OrphanFilesDeps<Row extends { eventId: string }> {
  /** The photo or selfie the job is for, if it still exists. */
  find: (refId: string) => Row | undefined;
  eventExists: (eventId: string) => boolean;
  /** Every file a job may write for it. */
  filesOf: (row: Row) => string[];
  eventDir: (eventId: string) => string;
  onError?: (err: unknown, job: JobRow) => void;
}

export function removingOrphanFiles<Row extends { eventId: string }>(handler: JobHandler, deps: OrphanFilesDeps<Row>): JobHandler {
  return {
    failed: (job, reason) => handler.failed(job, reason),
    async run(job) {
      const before = deps.find(job.refId);
      try {
        return await handler.run(job);
      } finally {
        if (before && !deps.find(job.refId)) {
          // A purged event loses its whole folder again (the worker may have made it anew).
          const targets = deps.eventExists(before.eventId) ? deps.filesOf(before) : [deps.eventDir(before.eventId)];
          await Promise.all(targets.map((path) => rm(path, { recursive: true, force: true }))).catch((err: unknown) => deps.onError?.(err, job));
        }
      }
    },
  };
}
