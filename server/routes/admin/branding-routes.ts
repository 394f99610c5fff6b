// Admin: an event's branding (accent colour, venue Wi-Fi for the poster) and its logo.
import type {} from '@fastify/multipart';
import { readFile } from 'node:fs/promises';
import { BrandingBody, EventBranding } from '../../contract/branding.js';
import { EventParams } from '../../contract/admin.js';
import type { HttpApp } from '../../http/http-base.js';
import { MAX_LOGO_BYTES } from '../../images/logo-image.js';
import type { BrandingService } from '../../services/branding-service.js';
import { AppError } from '../../util/app-error.js';

export interface BrandingRoutesDeps {
  branding: BrandingService;
}

export function registerBrandingRoutes(app: HttpApp, deps: BrandingRoutesDeps) {
  const { branding } = deps;
  const schema = { params: EventParams, response: { 200: EventBranding } };

  app.get('/api/admin/events/:id/branding', { schema }, async (req) => branding.forAdmin(req.params.id));

  app.put('/api/admin/events/:id/branding', { schema: { ...schema, body: BrandingBody } }, async (req) => branding.update(req.params.id, req.body));

  app.put('/api/admin/events/:id/logo', { schema }, async (req) => {
    if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'Send the logo as multipart/form-data in the field "file".');
    const file = await req.file({ limits: { fileSize: MAX_LOGO_BYTES, files: 1 } });
    if (!file || file.fieldname !== 'file') {
      file?.file.resume();
      throw new AppError(400, 'file_required', 'Attach the logo in the field "file".');
    }
    const chunks: Buffer[] = [];
    for await (const chunk of file.file) chunks.push(chunk as Buffer);
    if (file.file.truncated) throw new AppError(413, 'file_too_large', `A logo file is ${MAX_LOGO_BYTES / 1024 / 1024} MB at most.`);
    return branding.setLogo(req.params.id, Buffer.concat(chunks));
  });

  app.delete('/api/admin/events/:id/logo', { schema }, async (req) => branding.removeLogo(req.params.id));

  app.get('/api/admin/events/:id/logo', { schema: { params: EventParams } }, async (req, reply) => {
    const logo = branding.logoOf(req.params.id);
    const bytes = logo && (await readFile(logo.path).catch(() => null));
    if (!logo || !bytes) throw new AppError(404, 'not_found', 'This event has no logo.');
    return reply.type('image/png').header('Cache-Control', 'private, no-cache').header('ETag', logo.etag).send(bytes);
  });
}
