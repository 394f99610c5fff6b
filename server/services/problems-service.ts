// The operator's Problems list: files a way in refused (kept, newest 500 per event, until
// dismissed) and the event's failed jobs, together, newest first, each with a stable reason
// code. A job's error is "<code>: <detail>" where it comes from (the worker, the engine); any
// other text is a processing error, shown as the detail.
import type { Problem, ProblemList, ProblemReason, RefusalSource } from '../contract/problems.js';
import { jobReason } from '../contract/limits.js';
import type { JobsRepo } from '../db/repositories/jobs-repo.js';
import type { RefusedFilesRepo } from '../db/repositories/refused-files-repo.js';
import type { LiveBus } from '../live/live-bus.js';
import { AppError } from '../util/app-error.js';

export interface Refusal {
  eventId: string;
  name: string;
  source: RefusalSource;
  reason: ProblemReason;
  detail?: string | null;
}

export interface ProblemsServiceDeps {
  refused: RefusedFilesRepo;
  jobs: Pick<JobsRepo, 'failedOfEvent' | 'failedCountOfEvent'>;
  bus: Pick<LiveBus, 'emit'>;
  onError?: (err: unknown) => void;
  now?: () => number;
}

export function createProblemsService(deps: ProblemsServiceDeps) {
  const now = deps.now ?? Date.now;
  return {
    /** Keeps a refused file for the Problems list and tells the dashboard. Never throws: a refusal is already answered. */
    recordRefused(r: Refusal) {
      try {
        deps.refused.add({ eventId: r.eventId, fileName: r.name, source: r.source, reason: r.reason, detail: r.detail ?? null, createdAt: now() });
        deps.bus.emit('refused', { eventId: r.eventId, name: r.name, reason: r.reason });
      } catch (err) {
        deps.onError?.(err); // the event was purged meanwhile (foreign key): nothing to keep
      }
    },
    list(eventId: string, limit: number): ProblemList {
      const refused: Problem[] = deps.refused.listByEvent(eventId, limit).map((r) => ({
        kind: 'refused',
        id: r.id,
        name: r.fileName,
        source: r.source as RefusalSource,
        reason: r.reason as ProblemReason,
        detail: r.detail,
        at: new Date(r.createdAt).toISOString(),
      }));
      const jobs: Problem[] = deps.jobs.failedOfEvent(eventId, limit).map((j) => ({
        kind: 'job',
        id: j.id,
        name: j.name,
        source: j.kind,
        ...jobReason(j.error),
        at: new Date(j.failedAt).toISOString(),
        attempts: j.attempts,
      }));
      const problems = [...refused, ...jobs].sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
      return { problems, refused: deps.refused.countByEvent(eventId), failedJobs: deps.jobs.failedCountOfEvent(eventId) };
    },
    dismiss(refusalId: number) {
      if (!deps.refused.remove(refusalId)) throw new AppError(404, 'not_found', 'No such refused file (already dismissed?).');
    },
    dismissAll: (eventId: string) => deps.refused.removeAllOfEvent(eventId),
  };
}
export type ProblemsService = ReturnType<typeof createProblemsService>;
