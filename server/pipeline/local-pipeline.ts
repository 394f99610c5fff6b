// The local engine behind the face seam: a photo's faces found and described in a worker, saved
// and matched to the event's accepted selfies in one transaction (running it twice gives the
// same result); a selfie checked and described in a worker, then accepted, held or rejected by
// selfie-acceptance.ts.
import type { FaceRecord } from '../db/repositories/photos-repo.js';
import { matchFaces } from '../faces/matcher.js';
import { photoPaths, type FacePipeline, type FacePipelineDeps } from './face-pipeline.js';
import { createSelfieAcceptance } from './selfie-acceptance.js';

export function createLocalPipeline(deps: FacePipelineDeps): FacePipeline {
  const now = deps.now ?? Date.now;
  const acceptance = createSelfieAcceptance(deps);

  const save = deps.db.transaction((photoId: string, eventId: string, result: { width: number; height: number; faces: Omit<FaceRecord, 'faceIndex'>[] }) => {
    const faces = result.faces.map((f, faceIndex) => ({ ...f, faceIndex }));
    deps.photos.saveResult(photoId, eventId, deps.modelId, { width: result.width, height: result.height, faces }, now());
    const t0 = performance.now();
    const toMatch = faces.map((f) => ({ photoId, faceIndex: f.faceIndex, descriptor: f.descriptor, width: f.box.width }));
    const found = matchFaces(toMatch, deps.selfies.acceptedDescriptors(eventId, deps.modelId), deps.matchRule());
    const matchMs = performance.now() - t0;
    return {
      added: deps.matches.insertMany(
        found.map((m) => ({ ...m, eventId })),
        now(),
      ),
      matchMs,
    };
  });

  return {
    async photo(photo) {
      const result = await deps.pool.run({ kind: 'photo', ...photoPaths(deps.files, photo) });
      if (result.kind === 'unreadable') return { ok: false, reason: result.reason };
      const t0 = performance.now();
      const { added, matchMs } = save(photo.id, photo.eventId, result);
      deps.onTimings?.({ ...result.timings, matchMs, dbMs: performance.now() - t0 - matchMs });
      return { ok: true, faceCount: result.faces.length, added };
    },
    async selfie(selfie, uploadPath) {
      const result = await deps.pool.run({ kind: 'selfie', uploadPath, outputPath: deps.files.selfie(selfie.eventId, selfie.id) });
      if (!result.accepted && result.reason === 'unreadable_image') return { ok: false, reason: 'unreadable_image' };
      if (!result.accepted) acceptance.reject(selfie, result.reason);
      else acceptance.described(selfie, result.descriptor);
      return { ok: true };
    },
  };
}
