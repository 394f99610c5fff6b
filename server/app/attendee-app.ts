// The attendee listener: the phone app and /api/* on the venue LAN. Everything here is hostile
// input; nothing under /api/admin exists on this listener.
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { FastifyBaseLogger } from 'fastify';
import { registerAccountRoutes, type AccountRoutesDeps } from '../routes/attendee/account-routes.js';
import { registerBrandingRoutes } from '../routes/attendee/branding-routes.js';
import { registerGalleryRoutes, type GalleryRoutesDeps } from '../routes/attendee/gallery-routes.js';
import { registerMeRoutes, type MeRoutesDeps } from '../routes/attendee/me-routes.js';
import { registerSelfieRoutes, type SelfieRoutesDeps } from '../routes/attendee/selfie-routes.js';
import { registerStreamRoutes, type StreamRoutesDeps } from '../routes/attendee/stream-routes.js';
import { registerPublicWallRoutes, type WallRoutesDeps } from '../routes/attendee/wall-routes.js';
import { SESSION_COOKIE } from '../routes/attendee/auth.js';
import { createHttpBase } from '../http/http-base.js';
import { sameOriginGuard } from '../http/same-origin.js';
import { sendAppPage, serveRendererApps } from '../http/static-pages.js';

export interface AttendeeAppDeps
  extends
    AccountRoutesDeps,
    Omit<GalleryRoutesDeps, 'rateLimits'>,
    Omit<SelfieRoutesDeps, 'rateLimits'>,
    MeRoutesDeps,
    StreamRoutesDeps,
    Omit<WallRoutesDeps, 'rateLimits'> {
  logger: FastifyBaseLogger;
  rendererDir: string;
  rateLimits: AccountRoutesDeps['rateLimits'] & WallRoutesDeps['rateLimits'];
  /** Open sockets one client address may hold (a live setting). */
  connectionsPerAddress: () => number;
}

export async function buildAttendeeApp(deps: AttendeeAppDeps) {
  const app = createHttpBase({
    logger: deps.logger,
    connectionsPerAddress: deps.connectionsPerAddress,
    // A mistyped address gets the phone app's own "page not found", in the phone's language.
    htmlNotFound: (reply) => sendAppPage(reply, deps.rendererDir, 'attendee', 404),
  });
  await app.register(swagger, { openapi: { info: { title: 'FindMe attendee API', version: '1' } } });
  await app.register(cookie);
  app.addHook('onRequest', sameOriginGuard(SESSION_COOKIE));
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fieldNameSize: 100, fieldSize: 1024, fields: 10, headerPairs: 200 } });
  registerAccountRoutes(app, deps);
  registerSelfieRoutes(app, deps);
  registerGalleryRoutes(app, deps);
  registerMeRoutes(app, deps);
  registerStreamRoutes(app, deps);
  registerPublicWallRoutes(app, deps);
  registerBrandingRoutes(app, deps);
  serveRendererApps(app, deps.rendererDir, [
    { name: 'attendee', routes: ['/', '/e/:code'] },
    { name: 'wall', routes: ['/wall/:key'] },
  ]);
  return app;
}
