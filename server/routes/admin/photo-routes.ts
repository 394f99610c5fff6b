// Admin: photos in (upload, folder import, hot folder), the event's photos and their thumbnails;
// a photo's page (its faces and who they went to, a face given or taken away) and its deletion.
import type {} from '@fastify/multipart';
import { readFile } from 'node:fs/promises';
import {
  AdminPhotoParams,
  AssignFaceBody,
  EventParams,
  FaceParams,
  FolderBody,
  HotFolderBody,
  HotFolderResponse,
  ImportResponse,
  PhotoDetail,
  PhotoList,
  PhotoListQuery,
  UploadPhotosResponse,
  type UploadPhotosResponse as UploadResult,
} from '../../contract/admin.js';
import { AppError } from '../../util/app-error.js';
import type { HttpApp } from '../../http/http-base.js';
import type { EventsService } from '../../services/events-service.js';
import type { FolderImport } from '../../ingest/folder-import.js';
import { checkFolder, MAX_PHOTO_BYTES } from '../../ingest/folders.js';
import type { HotFolders } from '../../ingest/hot-folders.js';
import type { IngestService } from '../../ingest/ingest-service.js';
import type { EventOverviewService } from '../../services/event-overview-service.js';
import type { PhotoReviewService } from '../../services/photo-review-service.js';

export interface PhotoRoutesDeps {
  dataDir: string;
  events: EventsService;
  ingest: IngestService;
  folderImport: FolderImport;
  hotFolders: HotFolders;
  overview: EventOverviewService;
  photoReview: PhotoReviewService;
}

export function registerPhotoRoutes(app: HttpApp, deps: PhotoRoutesDeps) {
  const eventOr404 = (id: string) => deps.events.require(id);

  app.post(
    '/api/admin/events/:id/photos',
    {
      schema: { params: EventParams, response: { 202: UploadPhotosResponse } },
    },
    async (req, reply) => {
      const event = eventOr404(req.params.id);
      if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'Send photos as multipart/form-data in the field "files".');
      const result: UploadResult = { photos: [], duplicates: [] };
      for await (const part of req.files({ limits: { fileSize: MAX_PHOTO_BYTES, files: 1000 } })) {
        if (part.fieldname !== 'files') {
          part.file.resume();
          continue;
        }
        const outcome = await deps.ingest.ingest(event.id, part.file, part.filename, { truncated: () => part.file.truncated });
        if (outcome.outcome === 'duplicate') result.duplicates.push(outcome.fileName);
        else
          result.photos.push({
            id: outcome.photoId,
            fileName: outcome.fileName,
            status: outcome.status,
            ...(outcome.outcome === 'failed' && { error: outcome.error }),
          });
      }
      if (result.photos.length === 0 && result.duplicates.length === 0)
        throw new AppError(400, 'file_required', 'Attach one or more photos in the field "files".');
      return reply.code(202).send(result);
    },
  );

  app.post(
    '/api/admin/events/:id/import',
    {
      schema: { params: EventParams, body: FolderBody, response: { 202: ImportResponse } },
    },
    async (req, reply) => {
      const event = eventOr404(req.params.id);
      const counts = await deps.folderImport.importFolder(event.id, req.body.folder);
      return reply.code(202).send(counts);
    },
  );

  app.put(
    '/api/admin/events/:id/hot-folder',
    {
      schema: { params: EventParams, body: HotFolderBody, response: { 200: HotFolderResponse } },
    },
    async (req) => {
      const event = eventOr404(req.params.id);
      const folder = req.body.folder === null ? null : await checkFolder(req.body.folder, deps.dataDir);
      deps.events.setHotFolder(event.id, folder);
      if (folder) await deps.hotFolders.watch(event.id, folder);
      else await deps.hotFolders.unwatch(event.id);
      return { hotFolder: folder };
    },
  );

  app.get(
    '/api/admin/events/:id/photos',
    {
      schema: { params: EventParams, querystring: PhotoListQuery, response: { 200: PhotoList } },
    },
    async (req) => {
      const event = eventOr404(req.params.id);
      return { photos: deps.overview.photos(event.id, req.query.status, req.query.limit ?? 200, req.query.offset ?? 0) };
    },
  );

  app.get('/api/admin/photos/:photoId/thumb', { schema: { params: AdminPhotoParams } }, async (req, reply) => {
    const path = deps.overview.thumbPath(req.params.photoId);
    if (!path) throw new AppError(404, 'not_found', 'No such photo.');
    try {
      const bytes = await readFile(path);
      return reply.type('image/jpeg').header('Cache-Control', 'private, max-age=86400').send(bytes);
    } catch {
      throw new AppError(404, 'not_found', 'This photo has no thumbnail yet.');
    }
  });

  app.get('/api/admin/photos/:photoId', { schema: { params: AdminPhotoParams, response: { 200: PhotoDetail } } }, async (req) =>
    deps.photoReview.get(req.params.photoId),
  );

  app.get('/api/admin/photos/:photoId/preview', { schema: { params: AdminPhotoParams } }, async (req, reply) => {
    const path = deps.photoReview.previewPath(req.params.photoId);
    if (!path) throw new AppError(404, 'not_found', 'No such photo.');
    try {
      const bytes = await readFile(path);
      return reply.type('image/jpeg').header('Cache-Control', 'private, no-store').send(bytes);
    } catch {
      throw new AppError(404, 'not_found', 'This photo has no preview yet.');
    }
  });

  app.put('/api/admin/photos/:photoId/faces/:index', { schema: { params: FaceParams, body: AssignFaceBody, response: { 200: PhotoDetail } } }, async (req) =>
    deps.photoReview.assign(req.params.photoId, req.params.index, req.body.attendeeId),
  );

  app.delete('/api/admin/photos/:photoId', { schema: { params: AdminPhotoParams } }, async (req, reply) => {
    await deps.photoReview.remove(req.params.photoId);
    return reply.code(204).send();
  });
}
