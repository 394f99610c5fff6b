// Admin: the event's FTP receiver: its address and credentials, its cameras, and the switch.
import { EventParams } from '../../contract/admin.js';
import { FtpAccess, FtpSwitch } from '../../contract/ftp.js';
import type { HttpApp } from '../../http/http-base.js';
import type { FtpService } from '../../services/ftp-service.js';

export interface FtpRoutesDeps {
  ftp: FtpService;
}

export function registerFtpRoutes(app: HttpApp, deps: FtpRoutesDeps) {
  app.get('/api/admin/events/:id/ftp', { schema: { params: EventParams, response: { 200: FtpAccess } } }, async (req) => deps.ftp.access(req.params.id));

  app.put('/api/admin/events/:id/ftp', { schema: { params: EventParams, body: FtpSwitch, response: { 200: FtpAccess } } }, async (req) =>
    deps.ftp.setEnabled(req.params.id, req.body.enabled),
  );
}
