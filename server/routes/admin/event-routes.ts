// Admin: create, list, rename, open or close registrations, count what a purge erases, purge.
import QRCode from 'qrcode';
import { CreateEventBody, CreatedEvent, EventContents, EventList, EventParams, JoinInfo, UpdateEventBody, UpdatedEvent } from '../../contract/admin.js';
import { AppError } from '../../util/app-error.js';
import type { HttpApp } from '../../http/http-base.js';
import type { EventPurgeService } from '../../services/event-purge-service.js';
import type { EventsService } from '../../services/events-service.js';

export interface EventRoutesDeps {
  events: EventsService;
  /** Base URLs of the attendee listener, the likely Wi-Fi address first. */
  attendeeBaseUrls: () => string[];
  purge: EventPurgeService;
}

export function registerEventRoutes(app: HttpApp, deps: EventRoutesDeps) {
  app.get('/api/admin/events', { schema: { response: { 200: EventList } } }, async () => ({ events: deps.events.list() }));

  app.post('/api/admin/events', { schema: { body: CreateEventBody, response: { 201: CreatedEvent } } }, async (req, reply) => {
    const event = deps.events.create(req.body);
    return reply.code(201).send({ event });
  });

  app.get('/api/admin/events/:id/join', { schema: { params: EventParams, response: { 200: JoinInfo } } }, async (req) => {
    const event = deps.events.require(req.params.id);
    const urls = deps.attendeeBaseUrls().map((base) => `${base.replace(/\/$/, '')}/e/${event.code}`);
    const svg = await QRCode.toString(urls[0] ?? '', { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { code: event.code, urls, qrSvgDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  });

  app.patch('/api/admin/events/:id', { schema: { params: EventParams, body: UpdateEventBody, response: { 200: UpdatedEvent } } }, async (req) => ({
    event: deps.events.update(req.params.id, req.body),
  }));

  app.get('/api/admin/events/:id/contents', { schema: { params: EventParams, response: { 200: EventContents } } }, async (req) =>
    deps.events.contents(req.params.id),
  );

  app.delete('/api/admin/events/:id', { schema: { params: EventParams } }, async (req, reply) => {
    if (!(await deps.purge.purge(req.params.id, 'operator'))) throw new AppError(404, 'event_not_found', 'No such event.');
    return reply.code(204).send();
  });
}
