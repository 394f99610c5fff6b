// Admin: the event's attendees (selfie status, photo count), their removal, password reset codes.
import { AttendeeList, AttendeeParams, EventParams, ResetCode } from '../../contract/admin.js';
import type { HttpApp } from '../../http/http-base.js';
import type { EventOverviewService } from '../../services/event-overview-service.js';
import type { EventsService } from '../../services/events-service.js';
import type { PasswordResetService } from '../../services/password-reset-service.js';
import { AppError } from '../../util/app-error.js';

export interface AttendeeRoutesDeps {
  events: EventsService;
  overview: EventOverviewService;
  /** Deletes an attendee of the event with all their data; false when there is no such attendee. */
  removeAttendee: (eventId: string, attendeeId: string) => Promise<boolean>;
  passwordReset: PasswordResetService;
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

  // A forgotten password: a one-time code the operator shows the attendee (short, expiring).
  app.post(
    '/api/admin/events/:id/attendees/:attendeeId/reset-code',
    { schema: { params: AttendeeParams, response: { 201: ResetCode } } },
    async (req, reply) => {
      eventOr404(req.params.id);
      const code = deps.passwordReset.createCode(req.params.id, req.params.attendeeId);
      req.log.info({ attendeeId: req.params.attendeeId }, 'password reset code made');
      return reply.code(201).send(code);
    },
  );
}
