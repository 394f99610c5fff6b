// What both job handlers (photo, selfie) are given.
import type { FaceEngineName } from '../contract/settings.js';
import type { Db } from '../db/database.js';
import type { MatchesRepo } from '../db/repositories/matches-repo.js';
import type { PhotosRepo } from '../db/repositories/photos-repo.js';
import type { SelfiesRepo } from '../db/repositories/selfies-repo.js';
import type { PhotoStatusOwner } from '../status/photo-status.js';
import type { SelfieStatusOwner } from '../status/selfie-status.js';
import type { MatchRule } from '../faces/matcher.js';
import type { EventFiles } from '../storage/event-files.js';
import type { ImagePool } from '../workers/image-pool.js';
import type { RekognitionParts } from './engine-choice.js';

export interface PipelineDeps {
  db: Db;
  photos: PhotosRepo;
  selfies: SelfiesRepo;
  matches: MatchesRepo;
  files: EventFiles;
  pool: ImagePool;
  /** The one owner of photo and selfie statuses (writes and announces). */
  photoStatus: PhotoStatusOwner;
  selfieStatus: SelfieStatusOwner;
  /** The decision rule of the local engine, with the operator's threshold. */
  matchRule: () => MatchRule;
  /** The local model's id (model-profile.ts): what its descriptors are stored and looked up under. */
  modelId: string;
  /** The engine of an event (default: local). */
  engineFor?: (eventId: string) => FaceEngineName;
  rekognition?: RekognitionParts;
  now?: () => number;
}
