// Which face engine a job uses: the event's own choice, else the global one.
import type { FaceEngineName, Settings } from '../contract/settings.js';
import type { CallContext } from '../faces/rekognition/caller.js';
import type { RekognitionEngine } from '../faces/rekognition/rekognition-engine.js';
import type { RekognitionRepo } from '../db/repositories/rekognition-repo.js';
import type { EventLocks } from './event-locks.js';

export const engineOf = (s: Settings, eventId: string): FaceEngineName => s.eventFaceEngines[eventId] ?? s.faceEngine;

/** True when some event (or every event) uses Rekognition. */
export const usesRekognition = (s: Settings) => s.faceEngine === 'rekognition' || Object.values(s.eventFaceEngines).includes('rekognition');

/** What the job handlers need of the Rekognition engine. */
export interface RekognitionParts {
  engine: RekognitionEngine;
  repo: RekognitionRepo;
  /** The call context of a job of this event: it stops waiting when the event leaves Rekognition. */
  context(eventId: string): CallContext;
  /** Photo jobs search and save under the event's lock shared, selfie jobs rematch and save under it exclusively. */
  locks: EventLocks;
}

/** Rekognition wants images under 5 MB as bytes; our ≤1600 px previews are far below. */
export const REKOGNITION_MAX_BYTES = 5 * 1024 * 1024;

/** The descriptor stored for a face Rekognition found (it keeps the vector itself). */
export const NO_DESCRIPTOR = new Float32Array(0);
/** The model id stored with faces and selfies that Rekognition describes (it keeps the vectors). */
export const REKOGNITION_MODEL = 'rekognition';

/** Rekognition similarity (0..100) as the `distance` column reads: lower is closer. */
export const similarityToDistance = (similarity: number) => Math.round((100 - similarity) * 100) / 10_000;
