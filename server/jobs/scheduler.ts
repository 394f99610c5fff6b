// Runs durable jobs from SQLite: claims with a lease only as many as the pool can take (so
// memory stays flat however many wait), selfies before photos, retries with backoff, and
// keeps failed jobs with their error. Handlers must be idempotent: a job may run twice
// (at-least-once) after a crash.
import type { JobKind, JobRow, JobsRepo } from '../db/repositories/jobs-repo.js';
import type { JobOutcome } from './job-outcome.js';

/** How long a deferred job (an outside service down) waits before its next try. */
export const DEFER_DELAY_MS = 30_000;

export interface JobHandler {
  /** Says what came of the job; a thrown error means "try again with backoff". */
  run(job: JobRow): Promise<JobOutcome>;
  /** Called once when the job has failed for good (to mark its photo or selfie). */
  failed(job: JobRow, reason: string): void;
}

export interface SchedulerDeps {
  jobs: JobsRepo;
  handlers: Record<JobKind, JobHandler>;
  /** How many jobs may run at once (the pool size). */
  capacity: () => number;
  onJobChange?: (job: JobRow, state: 'running' | 'done' | 'queued' | 'failed', error?: string) => void;
  onError?: (err: unknown, job: JobRow) => void;
  now?: () => number;
  leaseMs?: number;
  backoffBaseMs?: number;
  pollMs?: number;
  /** How long a deferred job waits before its next try. */
  deferDelayMs?: number;
}

export function describeError(err: unknown): string {
  const e = err as { message?: string; code?: string };
  return (e?.message || e?.code || String(err)).slice(0, 500);
}

export function createScheduler(deps: SchedulerDeps) {
  const now = deps.now ?? Date.now;
  const leaseMs = deps.leaseMs ?? 10 * 60_000;
  const backoffBaseMs = deps.backoffBaseMs ?? 2000;
  let running = 0;
  let processed = 0;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  const idleWaiters: (() => void)[] = [];

  function failForGood(job: JobRow, reason: string) {
    deps.jobs.markFailed(job.id, reason, now());
    processed++;
    try {
      deps.handlers[job.kind].failed(job, reason);
    } catch (e) {
      deps.onError?.(e, job);
    }
    deps.onJobChange?.(job, 'failed', reason);
  }

  async function execute(job: JobRow) {
    deps.onJobChange?.(job, 'running');
    let outcome: JobOutcome;
    try {
      outcome = await deps.handlers[job.kind].run(job);
    } catch (err) {
      // Shutting down: the job keeps its lease and is recovered at the next start.
      if (stopped) return;
      const reason = describeError(err);
      if (job.attempts < job.maxAttempts) {
        const delay = backoffBaseMs * 2 ** (job.attempts - 1) * (0.75 + Math.random() * 0.5);
        deps.jobs.requeue(job.id, reason, now() + delay, now());
        deps.onJobChange?.(job, 'queued', reason);
      } else {
        failForGood(job, reason);
      }
      deps.onError?.(err, job);
      return;
    }
    if (outcome.status === 'failed') return failForGood(job, outcome.reason);
    if (outcome.status === 'deferred') {
      deps.jobs.defer(job.id, outcome.reason, now() + (deps.deferDelayMs ?? DEFER_DELAY_MS), now());
      deps.onJobChange?.(job, 'queued', outcome.reason);
      return;
    }
    deps.jobs.markDone(job.id, now());
    processed++;
    deps.onJobChange?.(job, 'done');
  }

  function pump() {
    if (stopped) return;
    while (running < deps.capacity()) {
      const job = deps.jobs.claim(now(), leaseMs);
      if (!job) break;
      running++;
      void execute(job)
        .catch((err: unknown) => deps.onError?.(err, job))
        .finally(() => {
          running--;
          if (running === 0) idleWaiters.splice(0).forEach((w) => w());
          pump();
        });
    }
  }

  return {
    /** Recovers jobs left running by a crash, then starts taking work. */
    start() {
      // This process is the only runner: whatever is still marked running was cut off.
      deps.jobs.recoverExpired(Number.MAX_SAFE_INTEGER);
      stopped = false;
      timer = setInterval(() => {
        deps.jobs.recoverExpired(now());
        pump();
      }, deps.pollMs ?? 500);
      timer.unref();
      pump();
    },
    /** New work was queued, or capacity grew. */
    notify: () => queueMicrotask(pump),
    running: () => running,
    processed: () => processed,
    /** Stops claiming; resolves when the running jobs have finished or `timeoutMs` passed. */
    async stop(timeoutMs = 10_000) {
      stopped = true;
      if (timer) clearInterval(timer);
      if (running === 0) return;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, timeoutMs);
        idleWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    },
  };
}
export type Scheduler = ReturnType<typeof createScheduler>;
