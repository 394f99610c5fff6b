// Attendee routes of the face pipeline: selfie upload, gallery, photo files, "not me", ZIP,
// account deletion and the live stream.
import type {} from '@fastify/multipart';
import { readFile } from 'node:fs/promises';
import { MyPhotosQuery, MyPhotosResponse, PhotoParams, PhotoQuery, UploadSelfieResponse } from '../../contract/attendee.js';
import type { ThumbCache } from '../../cache/thumb-cache.js';
import { AppError } from '../../util/app-error.js';
import type { HttpApp } from '../../http/http-base.js';
import { createLazyZip } from '../../http/lazy-zip.js';
import { openSse } from '../../http/sse.js';
import type { AttendeeStreams } from '../../live/attendee-streams.js';
import type { LiveBus } from '../../live/live-bus.js';
import { hashToken } from '../../security/tokens.js';
import type { AccountsService } from '../../services/accounts-service.js';
import type { GalleryService } from '../../services/gallery-service.js';
import { MAX_SELFIE_BYTES, type SelfieService } from '../../services/selfie-service.js';
import { attendeeOf, clearSessionCookie, requireAttendee, tokenOf } from './auth.js';

export interface GalleryRoutesDeps {
  accounts: AccountsService;
  selfies: SelfieService;
  gallery: GalleryService;
  bus: LiveBus;
  rateLimits: { selfie: number; gallery: number };
  /** Open live streams by owner (per-attendee and total caps; closed when their session ends). */
  streams: AttendeeStreams;
  /** How long one live stream may stay open (the phone reconnects by itself). */
  streamMaxAgeMs?: number;
}

const CONTENT_TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp' };


export function registerGalleryRoutes(app: HttpApp, deps: GalleryRoutesDeps & { thumbs: ThumbCache }) {
  const auth = requireAttendee(deps.accounts);
  const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });

  app.post('/api/upload-selfie', {
    preHandler: auth,
    config: perMinute(deps.rateLimits.selfie),
    schema: { response: { 202: UploadSelfieResponse } },
  }, async (req, reply) => {
    const attendee = attendeeOf(req);
    if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'Send the selfie as multipart/form-data in the field "file".');
    const file = await req.file({ limits: { fileSize: MAX_SELFIE_BYTES, files: 1, fields: 5 } });
    if (!file || file.fieldname !== 'file') {
      file?.file.resume();
      throw new AppError(400, 'file_required', 'Attach the selfie in the field "file".');
    }
    const selfie = await deps.selfies.upload(attendee, file.file, () => file.file.truncated);
    return reply.code(202).send({ selfie });
  });

  app.get('/api/my-photos', {
    preHandler: auth,
    config: perMinute(deps.rateLimits.gallery),
    schema: { querystring: MyPhotosQuery, response: { 200: MyPhotosResponse } },
  }, async (req) => deps.gallery.page(attendeeOf(req), req.query.cursor, req.query.limit ?? 30));

  app.get('/api/photo/:id', {
    preHandler: auth,
    schema: { params: PhotoParams, querystring: PhotoQuery },
  }, async (req, reply) => {
    const size = req.query.size ?? 'preview';
    const file = deps.gallery.photoFile(attendeeOf(req), req.params.id, size);
    const etag = `"${req.params.id}-${size}"`; // renditions never change once written
    reply.header('Cache-Control', 'private, max-age=86400').header('ETag', etag).type(CONTENT_TYPES[file.ext] ?? 'application/octet-stream');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    try {
      if (size === 'thumb') return await deps.thumbs.get(`${req.params.id}`, () => readFile(file.path));
      if (size === 'original') reply.header('Content-Disposition', `attachment; filename="findme-${req.params.id}${file.ext}"`);
      return await readFile(file.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError(404, 'not_found', 'This photo is still being processed.');
      throw err;
    }
  });

  app.post('/api/photo/:id/not-me', { preHandler: auth, schema: { params: PhotoParams } }, async (req, reply) => {
    deps.gallery.notMe(attendeeOf(req), req.params.id);
    return reply.code(204).send();
  });

  app.get('/api/my-photos/zip', { preHandler: auth, config: perMinute(10) }, async (req, reply) => {
    const zip = createLazyZip(deps.gallery.zipEntries(attendeeOf(req)), {
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
    reply.header('Content-Type', 'application/zip').header('Content-Disposition', 'attachment; filename="findme-photos.zip"').header('Cache-Control', 'private, no-store');
    return reply.send(zip.stream);
  });

  app.delete('/api/me', { preHandler: auth }, async (req, reply) => {
    const attendee = attendeeOf(req);
    await deps.gallery.deleteAccount(attendee);
    deps.streams.closeWhere((owner) => owner.attendeeId === attendee.id);
    clearSessionCookie(reply);
    return reply.code(204).send();
  });

  app.get('/api/stream', { preHandler: auth }, async (req, reply) => {
    const attendee = attendeeOf(req);
    if (!deps.streams.hasRoom()) throw new AppError(503, 'server_busy', 'FindMe is very busy right now: please try again in a few seconds.');
    const stream = openSse(req, reply, { maxAgeMs: deps.streamMaxAgeMs });
    const token = tokenOf(req) ?? '';
    const owner = { attendeeId: attendee.id, eventId: attendee.eventId, sessionHash: hashToken(token).toString('hex') };
    deps.streams.add(owner, stream.close);
    stream.onClose(() => deps.streams.remove(stream.close));
    // Nothing goes out once the session is over (logged out, expired, account or event gone),
    // whichever way it ended: the stream is closed instead.
    const stillValid = () => {
      try {
        deps.accounts.authenticate(token);
        return true;
      } catch {
        stream.close();
        return false;
      }
    };
    stream.onClose(deps.bus.on('selfie', (e) => {
      if (e.attendeeId === attendee.id && stillValid()) stream.send('selfie', e.selfie);
    }));
    stream.onClose(deps.bus.on('match', (e) => {
      if (e.attendeeId === attendee.id && stillValid()) stream.send('match', { photoId: e.photoId, matchedAt: new Date(e.matchedAt).toISOString() });
    }));
  });
}
