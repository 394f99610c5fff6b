// Attendee: the live stream (their selfie's status, new matches, photos taken away), for as long as the session holds.
import type { AttendeeStreamEvents } from '../../contract/attendee.js';
import type { HttpApp } from '../../http/http-base.js';
import { openSse } from '../../http/sse.js';
import type { AttendeeStreams, CloseStream } from '../../live/attendee-streams.js';
import type { LiveBus } from '../../live/live-bus.js';
import { hashToken } from '../../security/tokens.js';
import type { AccountsService } from '../../services/accounts-service.js';
import { AppError } from '../../util/app-error.js';
import { attendeeOf, requireAttendee, tokenOf } from './auth.js';

export interface StreamRoutesDeps {
  accounts: AccountsService;
  bus: LiveBus;
  /** Open live streams by owner (per-attendee and total caps; closed when their session ends). */
  streams: AttendeeStreams;
  /** How long one live stream may stay open (the phone reconnects by itself). */
  streamMaxAgeMs?: number;
}

export function registerStreamRoutes(app: HttpApp, deps: StreamRoutesDeps) {
  const auth = requireAttendee(deps.accounts);

  app.get('/api/stream', { preHandler: auth }, async (req, reply) => {
    const attendee = attendeeOf(req);
    if (!deps.streams.hasRoom()) throw new AppError(503, 'server_busy', 'FindMe is very busy right now: please try again in a few seconds.');
    const stream = openSse(req, reply, { maxAgeMs: deps.streamMaxAgeMs });
    const token = tokenOf(req) ?? '';
    const owner = { attendeeId: attendee.id, eventId: attendee.eventId, sessionHash: hashToken(token).toString('hex') };
    const end: CloseStream = (reason) => {
      if (reason) stream.send('ended', { reason } satisfies AttendeeStreamEvents['ended']);
      stream.close();
    };
    deps.streams.add(owner, end);
    stream.onClose(() => deps.streams.remove(end));
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
    stream.onClose(
      deps.bus.on('selfie', (e) => {
        if (e.attendeeId === attendee.id && stillValid()) stream.send('selfie', e.selfie);
      }),
    );
    stream.onClose(
      deps.bus.on('match', (e) => {
        if (e.attendeeId === attendee.id && stillValid()) stream.send('match', { photoId: e.photoId, matchedAt: new Date(e.matchedAt).toISOString() });
      }),
    );
    stream.onClose(
      deps.bus.on('unmatch', (e) => {
        if (e.attendeeId === attendee.id && stillValid()) stream.send('photo-removed', { photoId: e.photoId });
      }),
    );
  });
}
