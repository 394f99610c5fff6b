// Admin: one face, one account. The selfies held for the operator, their images, and the decision.
import { EventParams, HeldSelfieList, SelfieDecision, SelfieDecisionBody, SelfieParams } from '../../contract/admin.js';
import type { HttpApp } from '../../http/http-base.js';
import type { EventsService } from '../../services/events-service.js';
import type { SelfieReviewService } from '../../services/selfie-review-service.js';

export interface SelfieReviewRoutesDeps {
  events: EventsService;
  selfieReview: SelfieReviewService;
}

export function registerSelfieReviewRoutes(app: HttpApp, deps: SelfieReviewRoutesDeps) {
  app.get(
    '/api/admin/events/:id/held-selfies',
    {
      schema: { params: EventParams, response: { 200: HeldSelfieList } },
    },
    async (req) => {
      const event = deps.events.require(req.params.id);
      return { selfies: deps.selfieReview.held(event.id) };
    },
  );

  app.get('/api/admin/selfies/:selfieId/image', { schema: { params: SelfieParams } }, async (req, reply) => {
    const bytes = await deps.selfieReview.image(req.params.selfieId);
    // A face: never kept by the browser or anything in between.
    return reply.type('image/jpeg').header('Cache-Control', 'private, no-store').send(bytes);
  });

  app.post(
    '/api/admin/selfies/:selfieId/decision',
    {
      schema: { params: SelfieParams, body: SelfieDecisionBody, response: { 200: SelfieDecision } },
    },
    async (req) => deps.selfieReview.decide(req.params.selfieId, req.body.accept),
  );
}
