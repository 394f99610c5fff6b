// The photo job: the photo goes through its event's face engine (face-pipeline.ts: renditions,
// faces, matches saved in one transaction), and its status and new matches are announced.
import type { JobRow } from '../db/repositories/jobs-repo.js';
import { DONE, failed, SKIPPED } from '../jobs/job-outcome.js';
import type { JobHandler } from '../jobs/scheduler.js';
import { outcomeOfEngineError, type FaceEngines } from './face-engines.js';
import type { PhotoOutcome } from './face-pipeline.js';
import type { PipelineDeps } from './pipeline-deps.js';

export function createPhotoJob(deps: Pick<PipelineDeps, 'photos' | 'photoStatus'> & { engines: FaceEngines }): JobHandler {
  const { engines, photoStatus: status } = deps;

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
      status.finished(photo, outcome.faceCount, outcome.added);
      return DONE;
    },
    failed(job, reason) {
      const photo = deps.photos.findById(job.refId);
      if (photo) status.failed(photo, reason);
    },
  };
}
