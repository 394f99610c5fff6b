// Admin: the event's Problems list (refused files and failed jobs), dismissing refused files,
// and the Live page's figures of one event and its newest matches.
import { EventParams } from '../../contract/admin.js';
import { EventQueue, RecentMatches, RecentMatchesQuery } from '../../contract/event-live.js';
import { DismissedCount, ProblemList, ProblemListQuery, RefusalParams } from '../../contract/problems.js';
import type { HttpApp } from '../../http/http-base.js';
import type { EventLiveService } from '../../services/event-live-service.js';
import type { EventsService } from '../../services/events-service.js';
import type { ProblemsService } from '../../services/problems-service.js';

export interface ProblemRoutesDeps {
  events: EventsService;
  problems: ProblemsService;
  eventLive: EventLiveService;
}

export function registerProblemRoutes(app: HttpApp, deps: ProblemRoutesDeps) {
  app.get('/api/admin/events/:id/problems', { schema: { params: EventParams, querystring: ProblemListQuery, response: { 200: ProblemList } } }, async (req) =>
    deps.problems.list(deps.events.require(req.params.id).id, req.query.limit ?? 200),
  );

  app.delete('/api/admin/refused-files/:refusalId', { schema: { params: RefusalParams } }, async (req, reply) => {
    deps.problems.dismiss(req.params.refusalId);
    return reply.code(204).send();
  });

  app.delete('/api/admin/events/:id/refused-files', { schema: { params: EventParams, response: { 200: DismissedCount } } }, async (req) => ({
    dismissed: deps.problems.dismissAll(deps.events.require(req.params.id).id),
  }));

  app.get('/api/admin/events/:id/queue', { schema: { params: EventParams, response: { 200: EventQueue } } }, async (req) =>
    deps.eventLive.queue(deps.events.require(req.params.id).id),
  );

  app.get(
    '/api/admin/events/:id/recent-matches',
    { schema: { params: EventParams, querystring: RecentMatchesQuery, response: { 200: RecentMatches } } },
    async (req) => ({ matches: deps.eventLive.recentMatches(deps.events.require(req.params.id).id, req.query.limit ?? 50) }),
  );
}
