// The wall page's read-only routes, on the attendee listener: no session, only the wall's secret
// key. They give the event's name and the approved photos' previews: no names, no attendee ids,
// no faces. A wrong key, a wall turned off, or a photo not on the wall: 404.
import { readFile } from 'node:fs/promises';
import { PublicWall, WallParams, WallPhotoParams } from '../../contract/wall.js';
import { perMinute, type HttpApp } from '../../http/http-base.js';
import type { WallService } from '../../services/wall-service.js';
import { AppError } from '../../util/app-error.js';

export interface WallRoutesDeps {
  wall: WallService;
  rateLimits: { wall: number };
}

export function registerPublicWallRoutes(app: HttpApp, deps: WallRoutesDeps) {
  const limit = perMinute(deps.rateLimits.wall);

  app.get('/api/wall/:key', { config: limit, schema: { params: WallParams, response: { 200: PublicWall } } }, async (req, reply) => {
    reply.header('Cache-Control', 'private, no-store');
    return deps.wall.publicWall(req.params.key);
  });

  app.get('/api/wall/:key/photos/:photoId', { config: limit, schema: { params: WallPhotoParams } }, async (req, reply) => {
    const path = deps.wall.publicPreview(req.params.key, req.params.photoId);
    try {
      const bytes = await readFile(path);
      // Short: a photo the operator hides is not kept for long by the screen's browser.
      return await reply.type('image/jpeg').header('Cache-Control', 'private, max-age=300').send(bytes);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError(404, 'not_found', 'No such photo.');
      throw err;
    }
  });
}
