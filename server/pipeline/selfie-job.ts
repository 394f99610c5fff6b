// The selfie job: the selfie goes through its event's face engine (face-pipeline.ts: checked,
// described, then accepted and matched against the event's photos, held, or rejected), then
// its upload is removed. A selfie described again for a new model reads its stored copy.
import { access, rm } from 'node:fs/promises';
import type { JobRow } from '../db/repositories/jobs-repo.js';
import type { JobHandler } from '../jobs/scheduler.js';
import { createFaceEngines } from './face-engines.js';
import type { FacePipelineDeps } from './face-pipeline.js';
import { createSelfieAcceptance } from './selfie-acceptance.js';

export function createSelfieJob(deps: FacePipelineDeps): JobHandler {
  const engines = createFaceEngines(deps);
  const acceptance = createSelfieAcceptance(deps);

  return {
    async run(job: JobRow) {
      const selfie = deps.selfies.findById(job.refId);
      if (!selfie) return; // the attendee deleted their account meanwhile
      const upload = deps.files.selfieUpload(selfie.eventId, selfie.id);
      const uploadPath = (await access(upload).then(() => true, () => false)) ? upload : deps.files.selfie(selfie.eventId, selfie.id);
      if (selfie.status === 'processing') await engines.withEngineOf(selfie.eventId, (engine) => engine.selfie(selfie, uploadPath));
      await rm(upload, { force: true });
    },
    failed(job) {
      const selfie = deps.selfies.findById(job.refId);
      if (selfie?.status === 'processing') acceptance.reject(selfie, 'unreadable_image');
    },
  };
}
