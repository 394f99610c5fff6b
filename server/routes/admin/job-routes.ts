// Admin: jobs (failed ones with their reason, retry one or all) and the dashboard's live stream.
import { JobList, JobListQuery, JobParams, StreamTicket, type QueueStats } from '../../contract/admin.js';
import { AppError } from '../../app/errors.js';
import type { HttpApp } from '../../app/http-base.js';
import { openSse } from '../../app/sse.js';
import type { JobsRepo } from '../../db/repositories/jobs-repo.js';
import type { LiveBus } from '../../live/live-bus.js';
import type { StreamTickets } from '../../security/stream-tickets.js';

export interface JobRoutesDeps {
  jobs: JobsRepo;
  bus: LiveBus;
  queueStats: () => QueueStats;
  /** Failed jobs were queued again: wake the scheduler. */
  onRetry: () => void;
  /** Marks the job's photo or selfie as waiting again. */
  onRequeued: (job: { kind: string; refId: string }) => void;
  /** Names for the live match feed. */
  describeMatch: (attendeeId: string, photoId: string) => { attendeeName: string; fileName: string } | null;
  /** One-use tickets that open the stream without the token in its URL. */
  tickets: StreamTickets;
}

export function registerJobRoutes(app: HttpApp, deps: JobRoutesDeps) {
  app.get('/api/admin/jobs', { schema: { querystring: JobListQuery, response: { 200: JobList } } }, async (req) => ({
    jobs: deps.jobs.list(req.query.state, req.query.limit ?? 200),
  }));

  app.post('/api/admin/jobs/:id/retry', { schema: { params: JobParams } }, async (req, reply) => {
    const job = deps.jobs.findById(req.params.id);
    if (!job) throw new AppError(404, 'not_found', 'No such job.');
    if (!deps.jobs.retry(job.id, Date.now())) throw new AppError(409, 'job_not_retryable', `This job is ${job.state}: only failed jobs can be retried.`);
    deps.onRequeued(job);
    deps.onRetry();
    return reply.code(202).send({ id: job.id, state: 'queued' });
  });

  app.post('/api/admin/jobs/retry-failed', async (_req, reply) => {
    const jobs = deps.jobs.retryAllFailed(Date.now());
    jobs.forEach(deps.onRequeued);
    deps.onRetry();
    return reply.code(202).send({ retried: jobs.length });
  });

  app.post('/api/admin/stream-ticket', { schema: { response: { 201: StreamTicket } } }, async (_req, reply) => {
    const { ticket, expiresAt } = deps.tickets.issue();
    return reply.code(201).send({ ticket, expiresAt: new Date(expiresAt).toISOString() });
  });

  app.get('/api/admin/stream', { config: { adminQueryAuth: true } }, async (req, reply) => {
    const stream = openSse(req, reply);
    stream.send('stats', deps.queueStats());
    for (const name of ['photo', 'selfie', 'job'] as const) {
      stream.onClose(deps.bus.on(name, (e) => stream.send(name, e)));
    }
    stream.onClose(deps.bus.on('match', (e) => {
      const names = deps.describeMatch(e.attendeeId, e.photoId);
      if (names) stream.send('match', { ...e, ...names, matchedAt: new Date(e.matchedAt).toISOString() });
    }));
    const timer = setInterval(() => stream.send('stats', deps.queueStats()), 2000);
    stream.onClose(() => clearInterval(timer));
  });
}
