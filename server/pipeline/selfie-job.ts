// The selfie job: check it (exactly one usable face) and describe it; when accepted, match it
// against every face already found in the event's photos. The local engine does both in a
// worker; with Rekognition the worker only stores the selfie and makes the JPEG sent to AWS,
// and every AWS call happens before the one transaction that accepts it (so a retry starts
// clean). A job whose event is switched back to the local engine meanwhile finishes locally.
import { access, rm } from 'node:fs/promises';
import type { JobRow } from '../db/repositories/jobs-repo.js';
import type { SelfieRow } from '../db/repositories/selfies-repo.js';
import { EngineSwitchedError } from '../faces/rekognition/caller.js';
import { candidatesOf } from '../faces/rekognition/rekognition-engine.js';
import type { JobHandler } from '../jobs/scheduler.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { createSelfieAcceptance } from './selfie-acceptance.js';
import { NO_DESCRIPTOR, REKOGNITION_MODEL, similarityToDistance, type RekognitionPipeline } from './engine-choice.js';

export type SelfieJobDeps = PipelineDeps;

export function createSelfieJob(deps: SelfieJobDeps): JobHandler {
  const now = deps.now ?? Date.now;

  const acceptance = createSelfieAcceptance(deps);

  const acceptRekognition = deps.db.transaction((selfie: SelfieRow, faceId: string, found: { photoId: string; faceIndex: number; similarity: number }[]) => {
    deps.selfies.accept(selfie.id, NO_DESCRIPTOR, REKOGNITION_MODEL, now());
    deps.rekognition!.repo.setSelfieFaceId(selfie.id, faceId);
    const rows = found.map((m) => ({ photoId: m.photoId, faceIndex: m.faceIndex, attendeeId: selfie.attendeeId, eventId: selfie.eventId, distance: similarityToDistance(m.similarity) }));
    return deps.matches.insertMany(rows, now());
  });

  const { reject, announceAccepted: accepted } = acceptance;

  async function viaLocal(selfie: SelfieRow, uploadPath: string) {
    const result = await deps.pool.run({ kind: 'selfie', uploadPath, outputPath: deps.files.selfie(selfie.eventId, selfie.id) });
    if (!result.accepted) return reject(selfie, result.reason);
    acceptance.described(selfie, result.descriptor);
  }

  async function viaRekognition(selfie: SelfieRow, uploadPath: string, rk: RekognitionPipeline) {
    const image = await deps.pool.run({ kind: 'selfie-image', uploadPath, outputPath: deps.files.selfie(selfie.eventId, selfie.id) });
    if (!image.readable) return reject(selfie, 'unreadable_image');
    const ctx = rk.context(selfie.eventId);
    const verdict = await rk.engine.indexSelfie(ctx, selfie.eventId, selfie.attendeeId, image.jpeg, image);
    if (!verdict.accepted) return reject(selfie, verdict.reason);
    const attendees = deps.selfies.acceptedAttendeeIds(selfie.eventId).add(selfie.attendeeId);
    try {
      const added = await rk.locks.exclusive(selfie.eventId, async () => {
        const found = await rk.engine.rematchSelfie(ctx, selfie.eventId, selfie.attendeeId, verdict.faceId, candidatesOf(attendees),
          (faceIds) => rk.repo.photoFacesByIds(selfie.eventId, faceIds));
        return acceptRekognition(selfie, verdict.faceId, found);
      });
      accepted(selfie, added);
    } catch (err) {
      // The next try indexes the selfie again: drop this face now if AWS lets us.
      await rk.engine.deleteFaces(selfie.eventId, [verdict.faceId], { deadline: Date.now() + 5000 }).catch(() => undefined);
      throw err;
    }
  }

  return {
    async run(job: JobRow) {
      const selfie = deps.selfies.findById(job.refId);
      if (!selfie) return; // the attendee deleted their account meanwhile
      const upload = deps.files.selfieUpload(selfie.eventId, selfie.id);
      // A selfie described again for a new model has no upload left: its stored copy is read.
      const uploadPath = (await access(upload).then(() => true, () => false)) ? upload : deps.files.selfie(selfie.eventId, selfie.id);
      if (selfie.status === 'processing') {
        let done = false;
        if (deps.rekognition && deps.engineFor?.(selfie.eventId) === 'rekognition') {
          try {
            await viaRekognition(selfie, uploadPath, deps.rekognition);
            done = true;
          } catch (err) {
            if (!(err instanceof EngineSwitchedError)) throw err;
          }
        }
        if (!done) await viaLocal(selfie, uploadPath);
      }
      await rm(upload, { force: true });
    },
    failed(job) {
      const selfie = deps.selfies.findById(job.refId);
      if (selfie?.status === 'processing') reject(selfie, 'unreadable_image');
    },
  };
}
