// Attendee: the gallery (my photos, a page at a time), a photo's files, "this isn't me" (and its
// undo), and all of them as one ZIP; downloads named by the event and the day.
import { open, readFile } from 'node:fs/promises';
import { MyPhotosQuery, MyPhotosResponse, PhotoParams, PhotoQuery, UndoNotMeParams } from '../../contract/attendee.js';
import type { ThumbCache } from '../../cache/thumb-cache.js';
import { attachment } from '../../http/content-disposition.js';
import { perMinute, type HttpApp } from '../../http/http-base.js';
import { createLazyZip } from '../../http/lazy-zip.js';
import type { AccountsService } from '../../services/accounts-service.js';
import type { GalleryService } from '../../services/gallery-service.js';
import { AppError } from '../../util/app-error.js';
import { attendeeOf, requireAttendee } from './auth.js';

export interface GalleryRoutesDeps {
  accounts: AccountsService;
  gallery: GalleryService;
  thumbs: ThumbCache;
  rateLimits: { gallery: number };
}

const CONTENT_TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp' };

export function registerGalleryRoutes(app: HttpApp, deps: GalleryRoutesDeps) {
  const auth = requireAttendee(deps.accounts);

  app.get(
    '/api/my-photos',
    {
      preHandler: auth,
      config: perMinute(deps.rateLimits.gallery),
      schema: { querystring: MyPhotosQuery, response: { 200: MyPhotosResponse } },
    },
    async (req) => deps.gallery.page(attendeeOf(req), req.query.cursor, req.query.limit ?? 30),
  );

  app.get(
    '/api/photo/:id',
    {
      preHandler: auth,
      schema: { params: PhotoParams, querystring: PhotoQuery },
    },
    async (req, reply) => {
      const size = req.query.size ?? 'preview';
      const file = deps.gallery.photoFile(attendeeOf(req), req.params.id, size);
      const etag = `"${req.params.id}-${size}"`; // renditions never change once written
      reply
        .header('Cache-Control', 'private, max-age=86400')
        .header('ETag', etag)
        .type(CONTENT_TYPES[file.ext] ?? 'application/octet-stream');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      try {
        if (size === 'thumb') return await deps.thumbs.get(`${req.params.id}`, () => readFile(file.path));
        if (size === 'original') {
          // Streamed (originals are up to 200 MB): opened first, so a missing file is still a 404.
          const handle = await open(file.path, 'r');
          const { size: bytes } = await handle.stat();
          reply.header('Content-Disposition', attachment(file.downloadName ?? `findme-${req.params.id}${file.ext}`)).header('Content-Length', bytes);
          return reply.send(handle.createReadStream());
        }
        return await readFile(file.path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          // Not cached: the phone's retry must reach the server again.
          reply.removeHeader('ETag').header('Cache-Control', 'no-store');
          throw new AppError(404, 'not_found', 'This photo is still being processed.');
        }
        throw err;
      }
    },
  );

  app.post('/api/photo/:id/not-me', { preHandler: auth, schema: { params: PhotoParams } }, async (req, reply) => {
    deps.gallery.notMe(attendeeOf(req), req.params.id);
    return reply.code(204).send();
  });

  app.post('/api/photo/:id/not-me/undo', { preHandler: auth, config: perMinute(60), schema: { params: UndoNotMeParams } }, async (req, reply) => {
    deps.gallery.undoNotMe(attendeeOf(req), req.params.id);
    return reply.code(204).send();
  });

  app.get('/api/my-photos/zip', { preHandler: auth, config: perMinute(10) }, async (req, reply) => {
    const { entries, fileName } = deps.gallery.zip(attendeeOf(req));
    const zip = createLazyZip(entries, {
      onSkip: (entry, err) => req.log.warn({ err, entry: entry.name }, 'zip: an original could not be read and was skipped'),
      onError: (err) => {
        req.log.error({ err }, 'zip failed');
        reply.raw.destroy(err);
      },
    });
    // A client that hangs up mid-download: close the file being read and drop the rest.
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) zip.stop();
    });
    reply.header('Content-Type', 'application/zip').header('Content-Disposition', attachment(fileName)).header('Cache-Control', 'private, no-store');
    return reply.send(zip.stream);
  });
}
