// The one owner of a selfie's status: every change is written here and announced on the live
// bus (the phone's wait screen and the dashboard follow it). Accepted and held are written in
// the transaction that saves the descriptor (and the matches); this module announces them.
import type { SelfieRejection } from '../contract/attendee.js';
import type { SelfieRow, SelfiesRepo } from '../db/repositories/selfies-repo.js';
import type { LiveBus } from '../live/live-bus.js';

type SelfieRef = Pick<SelfieRow, 'id' | 'attendeeId' | 'eventId'>;

export function createSelfieStatus(deps: { selfies: Pick<SelfiesRepo, 'reject' | 'setProcessing' | 'findById'>; bus: LiveBus; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const announce = (s: SelfieRef, selfie: LiveSelfie) => deps.bus.emit('selfie', { attendeeId: s.attendeeId, eventId: s.eventId, selfie });

  return {
    /** Uploaded (its row written by the upload's transaction), waiting for its check. */
    uploaded: (s: SelfieRef) => announce(s, { id: s.id, status: 'processing' }),
    /** Its check runs again (a retry, a new face model). */
    requeued(selfieId: string) {
      const s = deps.selfies.findById(selfieId);
      if (!s) return;
      deps.selfies.setProcessing(s.id);
      announce(s, { id: s.id, status: 'processing' });
    },
    rejected(s: SelfieRef, reason: SelfieRejection) {
      deps.selfies.reject(s.id, reason, now());
      announce(s, { id: s.id, status: 'rejected', reason });
    },
    accepted: (s: SelfieRef, added: { photoId: string }[]) => {
      announce(s, { id: s.id, status: 'accepted' });
      const matchedAt = now();
      for (const m of added) deps.bus.emit('match', { attendeeId: s.attendeeId, eventId: s.eventId, photoId: m.photoId, matchedAt });
    },
    held: (s: SelfieRef) => announce(s, { id: s.id, status: 'held' }),
  };
}
type LiveSelfie = { id: string; status: 'processing' | 'accepted' | 'held' } | { id: string; status: 'rejected'; reason: SelfieRejection };
export type SelfieStatusOwner = ReturnType<typeof createSelfieStatus>;
