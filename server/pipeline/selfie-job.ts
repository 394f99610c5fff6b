// The selfie job: the selfie goes through its event's face engine (face-pipeline.ts: checked,
// described, then accepted and matched against the event's photos, held, or rejected), then
// its upload is removed. A selfie described again for a new model reads its stored copy.
import { access, rm } from 'node:fs/promises';
import type { JobRow } from '../db/repositories/jobs-repo.js';
import type { SelfieRow } from '../db/repositories/selfies-repo.js';
import { DONE, failed, SKIPPED, type JobOutcome } from '../jobs/job-outcome.js';
import type { JobHandler } from '../jobs/scheduler.js';
import { outcomeOfEngineError, type FaceEngines } from './face-engines.js';
import type { PipelineDeps } from './pipeline-deps.js';

export function createSelfieJob(deps: Pick<PipelineDeps, 'selfies' | 'files' | 'selfieStatus'> & { engines: FaceEngines }): JobHandler {
  const { engines } = deps;

  async function check(selfie: SelfieRow, uploadPath: string): Promise<JobOutcome> {
    try {
      const outcome = await engines.withEngineOf(selfie.eventId, (engine) => engine.selfie(selfie, uploadPath));
      return outcome.ok ? DONE : failed(outcome.reason);
    } catch (err) {
      const known = outcomeOfEngineError(err);
      if (known) return known;
      throw err; // tried again with backoff, the upload kept
    }
  }

  return {
    async run(job: JobRow) {
      const selfie = deps.selfies.findById(job.refId);
      if (!selfie) return SKIPPED; // the attendee deleted their account meanwhile
      const upload = deps.files.selfieUpload(selfie.eventId, selfie.id);
      const uploadPath = (await access(upload).then(
        () => true,
        () => false,
      ))
        ? upload
        : deps.files.selfie(selfie.eventId, selfie.id);
      const outcome = selfie.status === 'processing' ? await check(selfie, uploadPath) : SKIPPED;
      if (outcome.status !== 'deferred') await rm(upload, { force: true });
      return outcome;
    },
    // A selfie that cannot be read (or that Rekognition refuses) is rejected as unreadable, as a
    // broken photo is marked failed: both through their failed job.
    failed(job) {
      const selfie = deps.selfies.findById(job.refId);
      if (selfie?.status === 'processing') deps.selfieStatus.rejected(selfie, 'unreadable_image');
    },
  };
}
