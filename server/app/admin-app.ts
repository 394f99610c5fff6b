// The admin listener: 127.0.0.1 only, bearer token on every /api/admin route; serves the dashboard.
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import type { FastifyBaseLogger } from 'fastify';
import { registerEventRoutes, type EventRoutesDeps } from '../routes/admin/event-routes.js';
import { registerJobRoutes, type JobRoutesDeps } from '../routes/admin/job-routes.js';
import { registerPhotoRoutes, type PhotoRoutesDeps } from '../routes/admin/photo-routes.js';
import { requireAdminToken } from '../routes/admin/admin-auth.js';
import { registerSystemRoutes, type SystemRoutesDeps } from '../routes/admin/system-routes.js';
import type { EventsService } from '../services/events-service.js';
import { createHttpBase } from './http-base.js';
import { serveRendererApp } from './static-pages.js';

export interface AdminAppDeps extends SystemRoutesDeps, PhotoRoutesDeps, JobRoutesDeps, EventRoutesDeps {
  logger: FastifyBaseLogger;
  adminToken: string;
  events: EventsService;
  rendererDir: string;
  /** OpenAPI document of the attendee listener, merged into /api/docs. */
  attendeeDocs?: () => unknown;
}

export async function buildAdminApp(deps: AdminAppDeps) {
  const app = createHttpBase({ logger: deps.logger, maxEventLoopDelayMs: 5000 });
  await app.register(swagger, {
    openapi: { info: { title: 'FindMe admin API', version: '1' } },
  });
  await app.register(multipart, { limits: { fieldNameSize: 100, fieldSize: 1024, fields: 10 } });
  app.addHook('onRequest', requireAdminToken(deps.adminToken));
  registerEventRoutes(app, deps);
  registerSystemRoutes(app, deps);
  registerPhotoRoutes(app, deps);
  registerJobRoutes(app, deps);
  app.get('/api/docs', { schema: { hide: true } }, async () => ({
    admin: app.swagger(),
    attendee: deps.attendeeDocs?.() ?? null,
  }));
  serveRendererApp(app, deps.rendererDir, 'dashboard', ['/']);
  return app;
}
