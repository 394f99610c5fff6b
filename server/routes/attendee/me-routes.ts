// Attendee: their own account (who they are, their selfies, how many photos they are in) and
// its deletion, with everything of it.
import { MeResponse } from '../../contract/attendee.js';
import type { HttpApp } from '../../http/http-base.js';
import type { AttendeeStreams } from '../../live/attendee-streams.js';
import { toAttendee, type AccountsService } from '../../services/accounts-service.js';
import type { GalleryService } from '../../services/gallery-service.js';
import { attendeeOf, clearSessionCookie, requireAttendee } from './auth.js';

export interface MeRoutesDeps {
  accounts: AccountsService;
  gallery: GalleryService;
  streams: AttendeeStreams;
  /** Selfies and photo count for /api/me (gallery-service). */
  meDetails: (attendeeId: string) => Pick<MeResponse, 'selfies' | 'photoCount'>;
  /** The look of the attendee's event (branding-service); undefined when it has none. */
  eventBranding: (eventId: string) => MeResponse['branding'];
}

export function registerMeRoutes(app: HttpApp, deps: MeRoutesDeps) {
  const auth = requireAttendee(deps.accounts);

  app.get('/api/me', { preHandler: auth, schema: { response: { 200: MeResponse } } }, async (req) => {
    const attendee = attendeeOf(req);
    const branding = deps.eventBranding(attendee.eventId);
    return { attendee: toAttendee(attendee), ...deps.meDetails(attendee.id), ...(branding && { branding }) };
  });

  app.delete('/api/me', { preHandler: auth }, async (req, reply) => {
    const attendee = attendeeOf(req);
    await deps.gallery.deleteAccount(attendee);
    deps.streams.closeWhere((owner) => owner.attendeeId === attendee.id);
    clearSessionCookie(reply);
    return reply.code(204).send();
  });
}
