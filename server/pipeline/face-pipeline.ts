// The one seam between the jobs and the face engines. The local model and Rekognition each take
// a photo (find, describe, save its faces and their matches) and a selfie (check, describe, end
// it accepted, held or rejected) the same way; the job handlers only set the status, choose the
// event's engine (face-engines.ts) and announce the outcome.
import type { MatchInsert } from '../db/repositories/matches-repo.js';
import type { PhotoRow } from '../db/repositories/photos-repo.js';
import type { SelfieRow } from '../db/repositories/selfies-repo.js';
import type { EventFiles } from '../storage/event-files.js';
import type { StageTimings } from '../workers/image-tasks.js';
import type { PipelineDeps } from './pipeline-deps.js';

/** A photo's faces saved and matched, or the reason it cannot be (a broken file). */
export type PhotoOutcome = { ok: true; faceCount: number; added: MatchInsert[] } | { ok: false; reason: string };
/** A selfie ended (accepted, held, or rejected for what it shows), or the reason it cannot be read. */
export type SelfieOutcome = { ok: true } | { ok: false; reason: 'unreadable_image' };

export interface FacePipeline {
  /** Finds and describes the photo's faces, saves them and their matches in one transaction. */
  photo(photo: PhotoRow): Promise<PhotoOutcome>;
  /** Checks and describes the selfie, and ends it accepted (and matched), held or rejected, announced. */
  selfie(selfie: SelfieRow, uploadPath: string): Promise<SelfieOutcome>;
}

export interface FacePipelineDeps extends PipelineDeps {
  onTimings?: (t: StageTimings & { matchMs: number; dbMs: number }) => void;
}

export const photoPaths = (files: EventFiles, photo: PhotoRow) => ({
  originalPath: files.original(photo.eventId, photo.id, photo.ext),
  previewPath: files.preview(photo.eventId, photo.id),
  thumbPath: files.thumb(photo.eventId, photo.id),
});
