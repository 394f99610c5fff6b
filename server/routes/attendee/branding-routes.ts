// Attendee: the event's logo, public like the event's name (the join screen shows it before any
// account exists). Revalidated with its ETag: a new logo is seen at once, an unchanged one costs a 304.
import { readFile } from 'node:fs/promises';
import { EventCodeParams } from '../../contract/branding.js';
import { perMinute, type HttpApp } from '../../http/http-base.js';
import type { BrandingService } from '../../services/branding-service.js';
import { AppError } from '../../util/app-error.js';

export interface BrandingRoutesDeps {
  branding: BrandingService;
  /** Requests per minute per address: like the event-code check, a logo answers whether a code exists. */
  rateLimits: { availability: number };
}

export function registerBrandingRoutes(app: HttpApp, deps: BrandingRoutesDeps) {
  const config = perMinute(deps.rateLimits.availability);
  app.get('/api/events/:code/logo', { schema: { params: EventCodeParams }, config }, async (req, reply) => {
    const logo = deps.branding.logoByCode(req.params.code);
    if (!logo) throw new AppError(404, 'not_found', 'This event has no logo.');
    reply.header('Cache-Control', 'public, no-cache').header('ETag', logo.etag);
    if (req.headers['if-none-match'] === logo.etag) return reply.code(304).send();
    const bytes = await readFile(logo.path).catch(() => null);
    if (!bytes) throw new AppError(404, 'not_found', 'This event has no logo.');
    return reply.type('image/png').send(bytes);
  });
}
