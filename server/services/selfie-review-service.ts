// One face, one account, the operator's side: the selfies held because they look like another
// attendee's accepted selfie, the two images to compare, and the decision (different people:
// accept; the same person: refuse). Only selfies under review have their image served.
import { readFile } from 'node:fs/promises';
import { AppError } from '../util/app-error.js';
import type { AttendeeRef, HeldSelfie, SelfieDecision } from '../contract/admin.js';
import type { AttendeesRepo } from '../db/repositories/attendees-repo.js';
import type { SelfiesRepo } from '../db/repositories/selfies-repo.js';
import type { SelfieAcceptance } from '../pipeline/selfie-acceptance.js';
import type { EventFiles } from '../storage/event-files.js';

export interface SelfieReviewDeps {
  selfies: Pick<SelfiesRepo, 'findById' | 'listHeld'>;
  attendees: Pick<AttendeesRepo, 'findById'>;
  files: Pick<EventFiles, 'selfie'>;
  acceptance: Pick<SelfieAcceptance, 'decide'>;
}

const notFound = () => new AppError(404, 'not_found', 'No selfie waiting for review has this id.');

export function createSelfieReviewService(deps: SelfieReviewDeps) {
  const ref = (attendeeId: string): AttendeeRef | null => {
    const a = deps.attendees.findById(attendeeId);
    return a ? { id: a.id, displayName: a.displayName, username: a.username } : null;
  };

  function held(eventId: string): HeldSelfie[] {
    return deps.selfies.listHeld(eventId).flatMap((h) => {
      const attendee = ref(h.attendeeId);
      if (!attendee) return [];
      return [{ id: h.id, attendee, heldFor: ref(h.heldFor), heldForSelfieId: h.heldForSelfieId, heldAt: new Date(h.heldAt).toISOString() }];
    });
  }

  /** A held selfie, or the accepted selfie a held one is compared with: what the operator needs to decide, nothing more. */
  function underReview(selfieId: string) {
    const selfie = deps.selfies.findById(selfieId);
    if (!selfie) return null;
    if (selfie.status === 'held') return selfie;
    if (selfie.status !== 'accepted') return null;
    return deps.selfies.listHeld(selfie.eventId).some((h) => h.heldForSelfieId === selfie.id) ? selfie : null;
  }

  return {
    held,

    /** The stored JPEG (≤600 px, no metadata) of a selfie under review. */
    async image(selfieId: string): Promise<Buffer> {
      const selfie = underReview(selfieId);
      if (!selfie) throw notFound();
      try {
        return await readFile(deps.files.selfie(selfie.eventId, selfie.id));
      } catch {
        throw notFound();
      }
    },

    decide(selfieId: string, accept: boolean): SelfieDecision {
      const selfie = deps.selfies.findById(selfieId);
      if (!selfie) throw new AppError(404, 'not_found', 'No such selfie.');
      if (selfie.status !== 'held') throw notHeld(selfie.status);
      const after = deps.acceptance.decide(selfieId, accept);
      // Decided a moment ago by another request, or its account was removed meanwhile.
      if (!after) throw notHeld(deps.selfies.findById(selfieId)?.status ?? 'removed');
      return { id: after.id, status: after.status, ...(after.reason && { reason: after.reason }) };
    },
  };
}
export type SelfieReviewService = ReturnType<typeof createSelfieReviewService>;

const notHeld = (status: string) => new AppError(409, 'not_held', `This selfie is ${status}, not waiting for a decision.`);
