// In-process publish/subscribe for live updates: the SSE streams of phones and dashboard listen here.
import { EventEmitter } from 'node:events';
import type { SelfieRejection, SelfieStatus } from '../contract/attendee.js';
import type { RefusedEvent } from '../contract/problems.js';
import type { PhotoStatus } from '../db/repositories/photos-repo.js';

export interface LiveEvents {
  selfie: { attendeeId: string; eventId: string; selfie: { id: string; status: SelfieStatus; reason?: SelfieRejection } };
  match: { attendeeId: string; eventId: string; photoId: string; matchedAt: number };
  photo: { eventId: string; photoId: string; fileName: string; status: PhotoStatus; faceCount: number; error?: string };
  job: { jobId: number; kind: string; state: string; error?: string | null };
  /** An attendee lost a photo: the operator took their face away, or deleted the photo. */
  unmatch: { attendeeId: string; eventId: string; photoId: string };
  /** The operator deleted a photo (files, faces and matches are gone). */
  'photo-removed': { eventId: string; photoId: string };
  /** A file a way in refused (the dashboard's Problems list). */
  refused: RefusedEvent;
}

export type LiveEventName = keyof LiveEvents;

export function createLiveBus() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one listener per open stream
  return {
    emit<K extends LiveEventName>(name: K, payload: LiveEvents[K]) {
      emitter.emit(name, payload);
    },
    on<K extends LiveEventName>(name: K, listener: (payload: LiveEvents[K]) => void): () => void {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
  };
}
export type LiveBus = ReturnType<typeof createLiveBus>;
