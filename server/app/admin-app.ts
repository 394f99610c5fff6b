// The admin listener: 127.0.0.1 only, its own Host only; every admin route and /api/docs sit in
// one encapsulated scope whose hook requires the bearer token; serves the dashboard.
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import type { FastifyBaseLogger } from 'fastify';
import { registerAttendeeRoutes, type AttendeeRoutesDeps } from '../routes/admin/attendee-routes.js';
import { registerBrandingRoutes, type BrandingRoutesDeps } from '../routes/admin/branding-routes.js';
import { registerEventRoutes, type EventRoutesDeps } from '../routes/admin/event-routes.js';
import { registerFtpRoutes, type FtpRoutesDeps } from '../routes/admin/ftp-routes.js';
import { registerJobRoutes, type JobRoutesDeps } from '../routes/admin/job-routes.js';
import { registerPhotoRoutes, type PhotoRoutesDeps } from '../routes/admin/photo-routes.js';
import { registerProblemRoutes, type ProblemRoutesDeps } from '../routes/admin/problem-routes.js';
import { registerSelfieReviewRoutes, type SelfieReviewRoutesDeps } from '../routes/admin/selfie-review-routes.js';
import { requireAdminToken, requireOwnHost } from '../routes/admin/admin-auth.js';
import { registerSystemRoutes, type SystemRoutesDeps } from '../routes/admin/system-routes.js';
import { registerWallRoutes, type WallRoutesDeps } from '../routes/admin/wall-routes.js';
import type { EventsService } from '../services/events-service.js';
import { createStreamTickets } from '../security/stream-tickets.js';
import { createHttpBase, type HttpApp } from '../http/http-base.js';
import { serveRendererApp } from '../http/static-pages.js';

export interface AdminAppDeps
  extends
    SystemRoutesDeps,
    PhotoRoutesDeps,
    Omit<JobRoutesDeps, 'tickets'>,
    EventRoutesDeps,
    SelfieReviewRoutesDeps,
    FtpRoutesDeps,
    AttendeeRoutesDeps,
    WallRoutesDeps {
  problems: ProblemRoutesDeps['problems'];
  eventLive: ProblemRoutesDeps['eventLive'];
  logger: FastifyBaseLogger;
  branding: BrandingRoutesDeps['branding'];
  adminToken: string;
  events: EventsService;
  rendererDir: string;
  /** OpenAPI document of the attendee listener, merged into /api/docs. */
  attendeeDocs?: () => unknown;
}

export async function buildAdminApp(deps: AdminAppDeps) {
  const app = createHttpBase({ logger: deps.logger, maxEventLoopDelayMs: 5000 });
  // Before anything else, for every request (pages and 404s included): DNS rebinding gives a
  // hostile page our address under its own name, which it cannot put in the Host header.
  app.addHook('onRequest', requireOwnHost(app));
  await app.register(swagger, {
    openapi: { info: { title: 'FindMe admin API', version: '1' } },
  });
  await app.register(multipart, { limits: { fieldNameSize: 100, fieldSize: 1024, fields: 10 } });
  const tickets = createStreamTickets();
  // The token is required by where a route is registered, not by what its URL looks like.
  await app.register(async (scope: HttpApp) => {
    scope.addHook('onRequest', requireAdminToken(deps.adminToken, tickets));
    registerEventRoutes(scope, deps);
    registerSystemRoutes(scope, deps);
    registerPhotoRoutes(scope, deps);
    registerAttendeeRoutes(scope, deps);
    registerSelfieReviewRoutes(scope, deps);
    registerFtpRoutes(scope, deps);
    registerWallRoutes(scope, deps);
    registerBrandingRoutes(scope, deps);
    registerJobRoutes(scope, { ...deps, tickets });
    registerProblemRoutes(scope, deps);
    scope.get('/api/docs', { schema: { hide: true } }, async () => ({
      admin: app.swagger(),
      attendee: deps.attendeeDocs?.() ?? null,
    }));
  });
  serveRendererApp(app, deps.rendererDir, 'dashboard', ['/']);
  return app;
}
