// Photos in: every way in (dashboard upload, folder import, hot folder) ends here. The bytes
// are copied into the event's folder while hashed; a file already ingested in the event is a
// duplicate; a file that is no usable image is kept as a failed photo with its reason; the
// rest is queued as a photo job, in one transaction with its photo row.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../util/app-error.js';
import type { Db } from '../db/database.js';
import type { EventsRepo } from '../db/repositories/events-repo.js';
import type { JobsRepo } from '../db/repositories/jobs-repo.js';
import type { PhotosRepo, PhotoStatus } from '../db/repositories/photos-repo.js';
import { extensionFor, probeImage } from '../images/image-probe.js';
import type { RefusalSource } from '../contract/problems.js';
import type { Refusal } from '../services/problems-service.js';
import type { PhotoStatusOwner } from '../status/photo-status.js';
import type { EventFiles } from '../storage/event-files.js';

export type IngestOutcome =
  | { outcome: 'queued'; photoId: string; fileName: string; status: PhotoStatus }
  | { outcome: 'failed'; photoId: string; fileName: string; status: PhotoStatus; error: string }
  | { outcome: 'duplicate'; fileName: string };

export interface IngestDeps {
  db: Db;
  photos: PhotosRepo;
  events: Pick<EventsRepo, 'exists'>;
  jobs: JobsRepo;
  files: EventFiles;
  photoStatus: Pick<PhotoStatusOwner, 'added'>;
  /** Called after a photo job was queued. */
  onQueued: () => void;
  /** A file refused (empty, not an image FindMe takes, too large): kept for the Problems list. */
  onRefused?: (refusal: Refusal) => void;
  now?: () => number;
}

/** Display name only: the last path segment, without control characters, at most 200 chars. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'photo';
}

export interface IngestOptions {
  /** The file went over the size cap while it was read. */
  truncated?: () => boolean;
  /** The way in, for the Problems list (default: upload). */
  source?: RefusalSource;
}

export function createIngestService(deps: IngestDeps) {
  const now = deps.now ?? Date.now;
  const status = deps.photoStatus;

  const insertQueued = deps.db.transaction((row: Parameters<PhotosRepo['insert']>[0]) => {
    deps.photos.insert(row);
    if (row.status === 'queued') deps.jobs.enqueue('photo', row.id, row.createdAt);
  });

  /** Copies `source` into the event, hashing as it goes, and queues it unless it is a duplicate. */
  async function ingest(eventId: string, source: Readable, originalName: string, opts: IngestOptions = {}): Promise<IngestOutcome> {
    try {
      return await copyIn(eventId, source, originalName, opts);
    } catch (err) {
      // The event was purged while the file arrived (its folder went under our feet): nothing of
      // it stays, and the caller hears that the event is gone rather than a server error.
      if (deps.events.exists(eventId)) throw err;
      await rm(deps.files.eventDir(eventId), { recursive: true, force: true });
      throw new AppError(404, 'event_not_found', 'This event no longer exists.');
    }
  }

  return { ingest };

  async function copyIn(eventId: string, source: Readable, originalName: string, opts: IngestOptions): Promise<IngestOutcome> {
    const fileName = cleanFileName(originalName);
    const incoming = deps.files.incomingDir(eventId);
    await mkdir(incoming, { recursive: true });
    const tmp = join(incoming, `${randomUUID()}.partial`);
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        source,
        new Transform({
          transform(chunk: Buffer, _enc, cb) {
            hash.update(chunk);
            size += chunk.length;
            cb(null, chunk);
          },
        }),
        createWriteStream(tmp),
      );
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    const way = opts.source ?? 'upload';
    if (opts.truncated?.()) {
      await rm(tmp, { force: true });
      deps.onRefused?.({ eventId, name: fileName, source: way, reason: 'file_too_large', detail: `${fileName} is too large.` });
      throw new AppError(413, 'file_too_large', `${fileName} is too large.`);
    }
    const sha256 = hash.digest('hex');

    // A photo the operator deleted does not come back by itself (the hot folder at the next start,
    // an import, a camera sending again): only the operator's own upload brings it back.
    const deletedBefore = deps.photos.wasDeleted(eventId, sha256);
    if (deps.photos.hashExists(eventId, sha256) || (deletedBefore && way !== 'upload')) {
      await rm(tmp, { force: true });
      return { outcome: 'duplicate', fileName };
    }
    if (deletedBefore) deps.photos.forgetDeleted(eventId, sha256);
    const probe = size === 0 ? { ok: false, problem: 'empty_file' as const, message: 'The file is empty.', format: undefined } : await probeImage(tmp);
    const id = randomUUID();
    const ext =
      probe.format && probe.ok
        ? extensionFor(probe.format)
        : extname(fileName)
            .toLowerCase()
            .replace(/[^.a-z0-9]/g, '')
            .slice(0, 6) || '.bin';
    const photoStatus: PhotoStatus = probe.ok ? 'queued' : 'failed';
    const error = probe.ok ? null : (probe.message ?? 'This file is not a readable image.');
    const finalPath = deps.files.original(eventId, id, ext);
    await mkdir(join(finalPath, '..'), { recursive: true });
    await rename(tmp, finalPath);
    try {
      insertQueued({ id, eventId, fileName, sha256, ext, byteSize: size, status: photoStatus, error, createdAt: now() });
    } catch (err) {
      await rm(finalPath, { force: true });
      // the same bytes arrived twice at once: the other copy won
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return { outcome: 'duplicate', fileName };
      throw err;
    }
    status.added({ id, eventId, fileName }, photoStatus, error);
    if (!probe.ok) deps.onRefused?.({ eventId, name: fileName, source: way, reason: probe.problem ?? 'unreadable_image', detail: error });
    if (photoStatus === 'queued') {
      deps.onQueued();
      return { outcome: 'queued', photoId: id, fileName, status: photoStatus };
    }
    return { outcome: 'failed', photoId: id, fileName, status: photoStatus, error: error! };
  }
}
export type IngestService = ReturnType<typeof createIngestService>;
