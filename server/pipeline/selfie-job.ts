// The selfie job: check it (exactly one usable face) and describe it in a worker; when
// accepted, match it against every face already found in the event's photos.
import { rm } from 'node:fs/promises';
import type { SelfieRejection } from '../contract/attendee.js';
import type { Db } from '../db/database.js';
import type { JobRow } from '../db/repositories/jobs-repo.js';
import type { MatchesRepo } from '../db/repositories/matches-repo.js';
import type { PhotosRepo } from '../db/repositories/photos-repo.js';
import type { SelfiesRepo } from '../db/repositories/selfies-repo.js';
import { matchNewSelfie } from '../faces/matcher.js';
import type { JobHandler } from '../jobs/scheduler.js';
import type { LiveBus } from '../live/live-bus.js';
import type { EventFiles } from '../storage/event-files.js';
import type { ImagePool } from '../workers/image-pool.js';

export interface SelfieJobDeps {
  db: Db;
  photos: PhotosRepo;
  selfies: SelfiesRepo;
  matches: MatchesRepo;
  files: EventFiles;
  pool: ImagePool;
  bus: LiveBus;
  matchThreshold: () => number;
  now?: () => number;
}

export function createSelfieJob(deps: SelfieJobDeps): JobHandler {
  const now = deps.now ?? Date.now;

  const accept = deps.db.transaction((selfieId: string, attendeeId: string, eventId: string, descriptor: Float32Array) => {
    const refs = deps.selfies.acceptedDescriptors(eventId);
    deps.selfies.accept(selfieId, descriptor, now());
    const found = matchNewSelfie(attendeeId, descriptor, deps.photos.eventFaces(eventId), refs, deps.matchThreshold());
    return deps.matches.insertMany(found.map((m) => ({ ...m, eventId })), now());
  });

  function reject(selfieId: string, attendeeId: string, eventId: string, reason: SelfieRejection) {
    deps.selfies.reject(selfieId, reason, now());
    deps.bus.emit('selfie', { attendeeId, eventId, selfie: { id: selfieId, status: 'rejected', reason } });
  }

  return {
    async run(job: JobRow) {
      const selfie = deps.selfies.findById(job.refId);
      if (!selfie) return; // the attendee deleted their account meanwhile
      const uploadPath = deps.files.selfieUpload(selfie.eventId, selfie.id);
      if (selfie.status === 'processing') {
        const result = await deps.pool.run({ kind: 'selfie', uploadPath, outputPath: deps.files.selfie(selfie.eventId, selfie.id) });
        if (result.accepted) {
          const added = accept(selfie.id, selfie.attendeeId, selfie.eventId, result.descriptor);
          deps.bus.emit('selfie', { attendeeId: selfie.attendeeId, eventId: selfie.eventId, selfie: { id: selfie.id, status: 'accepted' } });
          const matchedAt = now();
          for (const m of added) deps.bus.emit('match', { attendeeId: selfie.attendeeId, eventId: selfie.eventId, photoId: m.photoId, matchedAt });
        } else {
          reject(selfie.id, selfie.attendeeId, selfie.eventId, result.reason);
        }
      }
      await rm(uploadPath, { force: true });
    },
    failed(job) {
      const selfie = deps.selfies.findById(job.refId);
      if (selfie?.status === 'processing') reject(selfie.id, selfie.attendeeId, selfie.eventId, 'unreadable_image');
    },
  };
}
