// Admin: jobs (failed ones with their reason, retry one or all) and the dashboard's live stream.
import { JobList, JobListQuery, JobParams, StreamTicket, type AdminStreamEvents } from '../../contract/admin.js';
import type { HttpApp } from '../../http/http-base.js';
import { openSse } from '../../http/sse.js';
import type { LiveBus } from '../../live/live-bus.js';
import type { StreamTickets } from '../../security/stream-tickets.js';
import type { EventOverviewService } from '../../services/event-overview-service.js';
import type { QueueService } from '../../services/queue-service.js';

export interface JobRoutesDeps {
  bus: LiveBus;
  queue: QueueService;
  /** Names for the live match feed. */
  overview: EventOverviewService;
  /** One-use tickets that open the stream without the token in its URL. */
  tickets: StreamTickets;
}

export function registerJobRoutes(app: HttpApp, deps: JobRoutesDeps) {
  app.get('/api/admin/jobs', { schema: { querystring: JobListQuery, response: { 200: JobList } } }, async (req) => ({
    jobs: deps.queue.list(req.query.state, req.query.limit ?? 200),
  }));

  app.post('/api/admin/jobs/:id/retry', { schema: { params: JobParams } }, async (req, reply) => {
    deps.queue.retry(req.params.id);
    return reply.code(202).send({ id: req.params.id, state: 'queued' });
  });

  app.post('/api/admin/jobs/retry-failed', async (_req, reply) => {
    return reply.code(202).send({ retried: deps.queue.retryAllFailed() });
  });

  app.post('/api/admin/stream-ticket', { schema: { response: { 201: StreamTicket } } }, async (_req, reply) => {
    const { ticket, expiresAt } = deps.tickets.issue();
    return reply.code(201).send({ ticket, expiresAt: new Date(expiresAt).toISOString() });
  });

  app.get('/api/admin/stream', { config: { adminQueryAuth: true } }, async (req, reply) => {
    const stream = openSse(req, reply);
    // Every event in the contract's shape (AdminStreamEvents), as the dashboard reads it.
    const send = <K extends keyof AdminStreamEvents>(name: K, data: AdminStreamEvents[K]) => stream.send(name, data);
    send('stats', deps.queue.stats());
    stream.onClose(deps.bus.on('photo', (e) => send('photo', e)));
    stream.onClose(deps.bus.on('selfie', (e) => send('selfie', e)));
    stream.onClose(deps.bus.on('job', (e) => send('job', e)));
    stream.onClose(deps.bus.on('photo-removed', (e) => send('photo-removed', e)));
    stream.onClose(deps.bus.on('refused', (e) => send('refused', e)));
    stream.onClose(
      deps.bus.on('match', (e) => {
        const names = deps.overview.describeMatch(e.attendeeId, e.photoId);
        if (names) send('match', { ...e, ...names, matchedAt: new Date(e.matchedAt).toISOString() });
      }),
    );
    const timer = setInterval(() => send('stats', deps.queue.stats()), 2000);
    stream.onClose(() => clearInterval(timer));
  });
}
