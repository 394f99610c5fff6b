// The photo job: the photo goes through its event's face engine (face-pipeline.ts: renditions,
// faces, matches saved in one transaction), and its status and new matches are announced.
import type { JobRow } from '../db/repositories/jobs-repo.js';
import { DONE, failed, SKIPPED } from '../jobs/job-outcome.js';
import type { JobHandler } from '../jobs/scheduler.js';
import { createFaceEngines, outcomeOfEngineError } from './face-engines.js';
import type { FacePipelineDeps, PhotoOutcome } from './face-pipeline.js';
import { createPhotoStatus } from '../status/photo-status.js';

export function createPhotoJob(deps: FacePipelineDeps): JobHandler {
  const now = deps.now ?? Date.now;
  const engines = createFaceEngines(deps);
  const status = createPhotoStatus(deps);

  return {
    async run(job: JobRow) {
      const photo = deps.photos.findById(job.refId);
      if (!photo) return SKIPPED; // deleted with its event meanwhile
      status.processing(photo);
      let outcome: PhotoOutcome;
      try {
        outcome = await engines.withEngineOf(photo.eventId, (engine) => engine.photo(photo));
      } catch (err) {
        const known = outcomeOfEngineError(err);
        if (known) return known;
        throw err;
      }
      if (!outcome.ok) return failed(outcome.reason);
      const matchedAt = now();
      status.finished(photo, outcome.faceCount);
      for (const m of outcome.added) deps.bus.emit('match', { attendeeId: m.attendeeId, eventId: photo.eventId, photoId: photo.id, matchedAt });
      return DONE;
    },
    failed(job, reason) {
      const photo = deps.photos.findById(job.refId);
      if (photo) status.failed(photo, reason);
    },
  };
}
