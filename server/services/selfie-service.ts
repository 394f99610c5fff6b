// Selfie uploads: stored as they came (a worker re-encodes them), checked by their real
// format, at most 3 that count per attendee, then queued ahead of photos. Each attendee has a
// budget of selfie checks per time window (rejected ones count): selfies go before photos, so
// one attendee's stream of bad selfies must not take the workers from everyone else.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../db/database.js';
import type { AttendeeRow } from '../db/repositories/attendees-repo.js';
import type { JobsRepo } from '../db/repositories/jobs-repo.js';
import type { SelfiesRepo } from '../db/repositories/selfies-repo.js';
import { AppError } from '../util/app-error.js';
import { probeImage } from '../images/image-probe.js';
import type { SelfieStatusOwner } from '../status/selfie-status.js';
import type { EventFiles } from '../storage/event-files.js';
import { tempNameFor } from '../util/atomic-file.js';

export { MAX_SELFIES } from '../contract/limits.js';
import { MAX_SELFIES } from '../contract/limits.js';
export const MAX_SELFIE_BYTES = 15 * 1024 * 1024;

export interface SelfieServiceDeps {
  db: Db;
  selfies: SelfiesRepo;
  jobs: JobsRepo;
  files: EventFiles;
  selfieStatus: Pick<SelfieStatusOwner, 'uploaded'>;
  onQueued: () => void;
  /** Selfies one attendee may send per window (a live setting). */
  budget: () => { max: number; windowMs: number };
  now?: () => number;
}

export function createSelfieService(deps: SelfieServiceDeps) {
  const now = deps.now ?? Date.now;
  const status = deps.selfieStatus;
  function checkBudget(attendee: AttendeeRow, t: number) {
    const { max, windowMs } = deps.budget();
    if (deps.selfies.countSentSince(attendee.id, t - windowMs) >= max) {
      const minutes = Math.round(windowMs / 60_000);
      throw new AppError(429, 'selfie_budget_exceeded', `You have sent ${max} selfies in ${minutes} minutes: please wait a little before the next one.`);
    }
  }
  const insert = deps.db.transaction((id: string, attendee: AttendeeRow, t: number) => {
    checkBudget(attendee, t);
    if (deps.selfies.countActive(attendee.id) >= MAX_SELFIES) throw tooMany();
    deps.selfies.insert(id, attendee.id, attendee.eventId, t);
    deps.jobs.enqueue('selfie', id, t);
  });
  const tooMany = () => new AppError(409, 'too_many_selfies', `You already have ${MAX_SELFIES} selfies: that is the most we keep.`);

  return {
    /** `file` is the multipart stream; `truncated()` tells whether it hit the size limit. */
    async upload(attendee: AttendeeRow, file: Readable, truncated: () => boolean) {
      try {
        checkBudget(attendee, now());
        if (deps.selfies.countActive(attendee.id) >= MAX_SELFIES) throw tooMany();
      } catch (err) {
        file.resume();
        throw err;
      }
      const id = randomUUID();
      const path = deps.files.selfieUpload(attendee.eventId, id);
      await mkdir(dirname(path), { recursive: true });
      const tmp = tempNameFor(path);
      try {
        await pipeline(file, createWriteStream(tmp));
        if (truncated()) throw new AppError(413, 'file_too_large', 'This photo is too large (15 MB at most).');
        const probe = await probeImage(tmp);
        if (!probe.ok) {
          throw new AppError(
            400,
            probe.problem === 'image_too_large' ? 'image_too_large' : 'unreadable_image',
            probe.problem === 'unsupported_format' ? 'Please send a JPEG, PNG or WebP photo.' : probe.message!,
          );
        }
        await rename(tmp, path);
        insert(id, attendee, now());
      } catch (err) {
        await rm(tmp, { force: true });
        await rm(path, { force: true });
        throw err;
      }
      status.uploaded({ id, attendeeId: attendee.id, eventId: attendee.eventId });
      deps.onQueued();
      return { id, status: 'processing' as const };
    },
  };
}
export type SelfieService = ReturnType<typeof createSelfieService>;
