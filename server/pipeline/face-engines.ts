// The face engines the jobs choose from: the local one always, Rekognition when it is set up.
// A job whose event leaves Rekognition while it waits for AWS finishes with the local engine.
import { EngineSwitchedError } from '../faces/rekognition/caller.js';
import { RekognitionRefusedError, RekognitionUnavailableError } from '../faces/rekognition/errors.js';
import { deferred, failed, type JobOutcome } from '../jobs/job-outcome.js';
import type { FacePipeline, FacePipelineDeps } from './face-pipeline.js';
import { createLocalPipeline } from './local-pipeline.js';
import { createRekognitionPipeline } from './rekognition-pipeline.js';

export function createFaceEngines(deps: FacePipelineDeps) {
  const local = createLocalPipeline(deps);
  const rekognition = deps.rekognition ? createRekognitionPipeline(deps, deps.rekognition) : null;
  return {
    /** Runs `task` with the event's engine. */
    async withEngineOf<T>(eventId: string, task: (engine: FacePipeline) => Promise<T>): Promise<T> {
      if (!rekognition || deps.engineFor?.(eventId) !== 'rekognition') return task(local);
      try {
        return await task(rekognition);
      } catch (err) {
        if (!(err instanceof EngineSwitchedError)) throw err;
        return task(local);
      }
    },
  };
}

/** The job outcome an engine's error stands for (Rekognition refusing the input, or down), if any. */
export function outcomeOfEngineError(err: unknown): JobOutcome | null {
  if (err instanceof RekognitionRefusedError) return failed(`engine_refused: ${err.message}`); // a reason code first (the Problems list)
  if (err instanceof RekognitionUnavailableError) return deferred(err.message);
  return null;
}
export type FaceEngines = ReturnType<typeof createFaceEngines>;
