// Admin: the event's attendees (selfie status, photo count) and their removal.
import { AttendeeList, AttendeeParams, EventParams } from '../../contract/admin.js';
import type { HttpApp } from '../../http/http-base.js';
import type { EventOverviewService } from '../../services/event-overview-service.js';
import type { EventsService } from '../../services/events-service.js';
import { AppError } from '../../util/app-error.js';

export interface AttendeeRoutesDeps {
  events: EventsService;
  overview: EventOverviewService;
  /** Deletes an attendee of the event with all their data; false when there is no such attendee. */
  removeAttendee: (eventId: string, attendeeId: string) => Promise<boolean>;
}

export function registerAttendeeRoutes(app: HttpApp, deps: AttendeeRoutesDeps) {
  const eventOr404 = (id: string) => deps.events.require(id);

  app.get(
    '/api/admin/events/:id/attendees',
    {
      schema: { params: EventParams, response: { 200: AttendeeList } },
    },
    async (req) => ({ attendees: deps.overview.attendees(eventOr404(req.params.id).id) }),
  );

  app.delete('/api/admin/events/:id/attendees/:attendeeId', { schema: { params: AttendeeParams } }, async (req, reply) => {
    eventOr404(req.params.id);
    if (!(await deps.removeAttendee(req.params.id, req.params.attendeeId))) throw new AppError(404, 'not_found', 'No such attendee in this event.');
    return reply.code(204).send();
  });
}
