// Admin: the event's live photo wall: the switch with the wall's address and QR code, the
// moderation list, and the operator's decision on one photo.
import QRCode from 'qrcode';
import { AdminPhotoParams, EventParams } from '../../contract/admin.js';
import { WallApproval, WallModerationList, WallModerationPhoto, WallModerationQuery, WallStatus, WallSwitch } from '../../contract/wall.js';
import type { HttpApp } from '../../http/http-base.js';
import type { WallService } from '../../services/wall-service.js';

export interface WallRoutesDeps {
  wall: WallService;
  /** Base URLs of the attendee listener, the likely Wi-Fi address first. */
  attendeeBaseUrls: () => string[];
}

export function registerWallRoutes(app: HttpApp, deps: WallRoutesDeps) {
  async function status(key: string | null): Promise<WallStatus> {
    if (!key) return { enabled: false, urls: [], qrSvgDataUrl: null };
    const urls = deps.attendeeBaseUrls().map((base) => `${base.replace(/\/$/, '')}/wall/${key}`);
    const svg = await QRCode.toString(urls[0] ?? '', { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { enabled: true, urls, qrSvgDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  }

  app.get('/api/admin/events/:id/wall', { schema: { params: EventParams, response: { 200: WallStatus } } }, async (req) =>
    status(deps.wall.key(req.params.id)),
  );

  app.put('/api/admin/events/:id/wall', { schema: { params: EventParams, body: WallSwitch, response: { 200: WallStatus } } }, async (req) =>
    status(deps.wall.setEnabled(req.params.id, req.body.enabled)),
  );

  app.get(
    '/api/admin/events/:id/wall/photos',
    { schema: { params: EventParams, querystring: WallModerationQuery, response: { 200: WallModerationList } } },
    async (req) => deps.wall.moderation(req.params.id, req.query.state ?? 'pending', req.query.limit ?? 60, req.query.offset ?? 0),
  );

  app.put(
    '/api/admin/photos/:photoId/wall',
    { schema: { params: AdminPhotoParams, body: WallApproval, response: { 200: WallModerationPhoto } } },
    async (req) => deps.wall.decide(req.params.photoId, req.body.approved),
  );
}
