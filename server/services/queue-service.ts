// The job queue as the operator sees it: its figures (jobs by state, workers, photos per
// minute, time left, cache hit rates) and the retries of failed jobs, each putting its photo or
// selfie back to waiting (announced by their status owners) and waking the scheduler.
import { AppError } from '../util/app-error.js';
import type { QueueStats } from '../contract/admin.js';
import type { JobsRepo } from '../db/repositories/jobs-repo.js';
import type { Throughput } from '../monitor/throughput.js';
import type { PhotoStatusOwner } from '../status/photo-status.js';
import type { SelfieStatusOwner } from '../status/selfie-status.js';

export interface QueueServiceDeps {
  jobs: JobsRepo;
  scheduler: { processed(): number; notify(): void };
  pool: { active(): number; size(): number };
  throughput: Throughput;
  caches: () => QueueStats['cache'];
  photoStatus: Pick<PhotoStatusOwner, 'requeued'>;
  selfieStatus: Pick<SelfieStatusOwner, 'requeued'>;
  now?: () => number;
}

export function createQueueService(deps: QueueServiceDeps) {
  const now = deps.now ?? Date.now;
  const waitingAgain = (job: { kind: string; refId: string }) =>
    job.kind === 'photo' ? deps.photoStatus.requeued(job.refId) : deps.selfieStatus.requeued(job.refId);

  return {
    stats(): QueueStats {
      const counts = deps.jobs.counts();
      return {
        queue: {
          ...counts,
          totalEnqueued: deps.jobs.total(),
          totalProcessed: deps.scheduler.processed(),
          workersActive: deps.pool.active(),
          workers: deps.pool.size(),
          photosPerMinute: Math.round(deps.throughput.perMinute() * 10) / 10,
          etaSeconds: deps.throughput.etaSeconds(counts.queued + counts.running),
        },
        cache: deps.caches(),
      };
    },
    list: (state: Parameters<JobsRepo['list']>[0], limit: number) => deps.jobs.list(state, limit),
    /** Queues one failed job again. */
    retry(jobId: number) {
      const job = deps.jobs.findById(jobId);
      if (!job) throw new AppError(404, 'not_found', 'No such job.');
      if (!deps.jobs.retry(job.id, now())) throw new AppError(409, 'job_not_retryable', `This job is ${job.state}: only failed jobs can be retried.`);
      waitingAgain(job);
      deps.scheduler.notify();
    },
    /** Queues every failed job again; returns how many. */
    retryAllFailed(): number {
      const jobs = deps.jobs.retryAllFailed(now());
      jobs.forEach(waitingAgain);
      deps.scheduler.notify();
      return jobs.length;
    },
  };
}
export type QueueService = ReturnType<typeof createQueueService>;
