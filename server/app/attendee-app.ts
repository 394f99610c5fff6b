// The attendee listener: the phone app and /api/* on the venue LAN. Everything here is hostile
// input; nothing under /api/admin exists on this listener.
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { FastifyBaseLogger } from 'fastify';
import { registerAccountRoutes, type AccountRoutesDeps } from '../routes/attendee/account-routes.js';
import { createHttpBase } from './http-base.js';
import { serveRendererApp } from './static-pages.js';

export interface AttendeeAppDeps extends AccountRoutesDeps {
  logger: FastifyBaseLogger;
  rendererDir: string;
}

export async function buildAttendeeApp(deps: AttendeeAppDeps) {
  const app = createHttpBase({ logger: deps.logger });
  await app.register(swagger, { openapi: { info: { title: 'FindMe attendee API', version: '1' } } });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  registerAccountRoutes(app, deps);
  serveRendererApp(app, deps.rendererDir, 'attendee', ['/', '/e/:code']);
  return app;
}
