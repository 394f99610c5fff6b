// Admin: create and list events.
import { CreateEventBody, CreatedEvent, EventList } from '../../contract/admin.js';
import type { HttpApp } from '../../app/http-base.js';
import type { EventsService } from '../../services/events-service.js';

export function registerEventRoutes(app: HttpApp, deps: { events: EventsService }) {
  app.get('/api/admin/events', { schema: { response: { 200: EventList } } }, async () => ({ events: deps.events.list() }));

  app.post('/api/admin/events', { schema: { body: CreateEventBody, response: { 201: CreatedEvent } } }, async (req, reply) => {
    const event = deps.events.create(req.body);
    return reply.code(201).send({ event });
  });
}
