// What happens to a selfie the local engine has described: accepted and matched against the
// event's photos, or, when it looks like another attendee's accepted selfie (one face, one
// account), held for the operator, who compares the two and decides. The first account keeps
// its photos either way. The one owner of a local selfie's final status and its announcement.
import type { SelfieRejection } from '../contract/attendee.js';
import type { SelfieRow } from '../db/repositories/selfies-repo.js';
import { distance, matchNewSelfie, type Reference } from '../faces/matcher.js';
import type { PipelineDeps } from './pipeline-deps.js';

export type SelfieAcceptanceDeps = Pick<PipelineDeps, 'db' | 'selfies' | 'photos' | 'matches' | 'selfieStatus' | 'matchRule' | 'modelId' | 'now'>;

export function createSelfieAcceptance(deps: SelfieAcceptanceDeps) {
  const now = deps.now ?? Date.now;
  const status = deps.selfieStatus;

  /** The other attendee whose accepted selfie this descriptor would be matched to, if any. */
  function twinOf(attendeeId: string, descriptor: Float32Array, refs: Reference[]): string | null {
    const rule = deps.matchRule();
    let best: { attendeeId: string; d: number } | null = null;
    for (const ref of refs) {
      if (ref.attendeeId === attendeeId) continue;
      const d = distance(descriptor, ref.descriptor, rule.metric);
      if (d < rule.threshold && (!best || d < best.d)) best = { attendeeId: ref.attendeeId, d };
    }
    return best?.attendeeId ?? null;
  }

  const acceptAndMatch = (
    selfieId: string,
    attendeeId: string,
    eventId: string,
    descriptor: Float32Array,
    refs = deps.selfies.acceptedDescriptors(eventId, deps.modelId),
  ) => {
    deps.selfies.accept(selfieId, descriptor, deps.modelId, now());
    const found = matchNewSelfie(attendeeId, descriptor, deps.photos.eventFaces(eventId, deps.modelId), refs, deps.matchRule());
    return deps.matches.insertMany(
      found.map((m) => ({ ...m, eventId })),
      now(),
    );
  };

  /** Accepted (with the photos it adds) or held, in one transaction. */
  const acceptOrHold = deps.db.transaction((selfie: SelfieRow, descriptor: Float32Array) => {
    const refs = deps.selfies.acceptedDescriptors(selfie.eventId, deps.modelId);
    const twin = twinOf(selfie.attendeeId, descriptor, refs);
    if (twin) {
      deps.selfies.hold(selfie.id, descriptor, deps.modelId, twin, now());
      return { held: true as const };
    }
    return { held: false as const, added: acceptAndMatch(selfie.id, selfie.attendeeId, selfie.eventId, descriptor, refs) };
  });

  const reject = (selfie: SelfieRow, reason: SelfieRejection) => status.rejected(selfie, reason);

  return {
    reject,
    announceAccepted: status.accepted,
    /** A selfie the local engine described and found usable. */
    described(selfie: SelfieRow, descriptor: Float32Array) {
      const outcome = acceptOrHold(selfie, descriptor);
      if (outcome.held) status.held(selfie);
      else status.accepted(selfie, outcome.added);
    },
    /** The operator's decision on a held selfie: different people (accept) or the same face (refuse). */
    decide(selfieId: string, accept: boolean): SelfieRow | null {
      const selfie = deps.selfies.findById(selfieId);
      const descriptor = selfie && deps.selfies.heldDescriptor(selfieId);
      if (!selfie || selfie.status !== 'held' || !descriptor) return null;
      if (!accept) {
        reject(selfie, 'face_of_another_attendee');
        return deps.selfies.findById(selfieId) ?? null;
      }
      const added = deps.db.transaction(() => acceptAndMatch(selfie.id, selfie.attendeeId, selfie.eventId, descriptor))();
      status.accepted(selfie, added);
      return deps.selfies.findById(selfieId) ?? null;
    },
  };
}
export type SelfieAcceptance = ReturnType<typeof createSelfieAcceptance>;
