// Seeds an event with real-sized galleries before FindMe starts, with FindMe's own code (its
// database, migrations and repositories; its event-files paths): photos already processed
// (status done, faces described by the active model, real JPEG original/preview/thumbnail
// hard-linked from a few sources), attendees with a real bcrypt hash at the benchmark's cost,
// and matches so that each attendee's gallery holds `minPer`–`maxPer` photos. Processing
// thousands of photos through the face pipeline would take hours on this machine.
import bcrypt from 'bcryptjs';
import { createHash, randomUUID } from 'node:crypto';
import { linkSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDatabase } from '../../server/db/database.js';
import { createAttendeesRepo } from '../../server/db/repositories/attendees-repo.js';
import { createEventsRepo } from '../../server/db/repositories/events-repo.js';
import { createMatchesRepo, type MatchInsert } from '../../server/db/repositories/matches-repo.js';
import { createPhotosRepo, type FaceRecord } from '../../server/db/repositories/photos-repo.js';
import { ACTIVE_PROFILE } from '../../server/faces/model-profile.js';
import { CONSENT_VERSION, usernameKey } from '../../server/services/accounts-service.js';
import { createEventFiles } from '../../server/storage/event-files.js';
import type { GallerySource } from './gallery-files.js';
import { PASSWORD } from './journey.js';
import { rng, summarize, type Summary } from './stats.js';

export interface SeedOptions {
  attendees: number;
  photos: number;
  minPer: number;
  maxPer: number;
  bcryptRounds: number;
  seed: number;
}

export interface SeededEvent {
  id: string;
  code: string;
  usernames: string[];
  photos: number;
  matches: number;
  faces: number;
  gallerySizes: Summary;
  seedMs: number;
}

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Each attendee's photos: `minPer`–`maxPer` distinct photo indexes (partial Fisher–Yates). */
export function drawGalleries(opts: Pick<SeedOptions, 'attendees' | 'photos' | 'minPer' | 'maxPer'>, random: () => number): number[][] {
  const pool = Array.from({ length: opts.photos }, (_, i) => i);
  return Array.from({ length: opts.attendees }, () => {
    const n = Math.min(opts.photos, opts.minPer + Math.floor(random() * (opts.maxPer - opts.minPer + 1)));
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return pool.slice(0, n);
  });
}

function descriptor(random: () => number): Float32Array {
  const d = Float32Array.from({ length: ACTIVE_PROFILE.descriptorLength }, () => random() - 0.5);
  const norm = Math.hypot(...d);
  return d.map((v) => v / norm);
}

export function seedGalleries(dataDir: string, sources: GallerySource[], opts: SeedOptions): SeededEvent {
  const t0 = performance.now();
  const random = rng(opts.seed);
  const db = openDatabase(join(dataDir, 'findme.db'));
  const files = createEventFiles(dataDir);
  const [events, photos, attendees, matches] = [createEventsRepo(db), createPhotosRepo(db), createAttendeesRepo(db), createMatchesRepo(db)];
  const now = Date.now();
  const event = {
    id: randomUUID(),
    name: 'Bench real galleries',
    code: Array.from({ length: 6 }, () => CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)]).join(''),
    createdAt: now,
  };
  const hash = bcrypt.hashSync(PASSWORD, opts.bcryptRounds); // one real hash: every account has the same password
  const usernames = Array.from({ length: opts.attendees }, (_, i) => `guest-${i}`);
  const attendeeIds = usernames.map(() => randomUUID());
  const photoIds = Array.from({ length: opts.photos }, () => randomUUID());
  const galleries = drawGalleries(opts, random);
  const inPhoto: number[][] = photoIds.map(() => []);
  galleries.forEach((g, a) => g.forEach((p) => inPhoto[p]!.push(a)));
  const link = (from: string, to: string) => {
    mkdirSync(dirname(to), { recursive: true });
    linkSync(from, to);
  };
  let faces = 0;
  let matchCount = 0;
  db.transaction(() => {
    events.insert(event);
    usernames.forEach((username, i) =>
      attendees.insert({
        id: attendeeIds[i]!,
        eventId: event.id,
        username,
        usernameKey: usernameKey(username),
        email: null,
        displayName: `Guest ${i}`,
        passwordHash: hash,
        consentAt: now,
        consentVersion: CONSENT_VERSION,
        createdAt: now,
      }),
    );
    photoIds.forEach((id, p) => {
      const src = sources[p % sources.length]!;
      const createdAt = now - (opts.photos - p) * 1000;
      photos.insert({
        id,
        eventId: event.id,
        fileName: `IMG_${String(p).padStart(5, '0')}.JPG`,
        sha256: createHash('sha256').update(id).digest('hex'),
        ext: '.jpg',
        byteSize: src.bytes.original,
        status: 'processing',
        error: null,
        createdAt,
      });
      link(src.original, files.original(event.id, id, '.jpg'));
      link(src.preview, files.preview(event.id, id));
      link(src.thumb, files.thumb(event.id, id));
      const who = inPhoto[p]!;
      const faceRecords: FaceRecord[] = who.map((_, f) => ({
        faceIndex: f,
        box: { x: 200 + f * 300, y: 1200, width: 240, height: 240 },
        score: 0.95,
        descriptor: descriptor(random),
      }));
      photos.saveResult(id, event.id, ACTIVE_PROFILE.id, { width: src.width, height: src.height, faces: faceRecords }, createdAt + 500);
      const rows: MatchInsert[] = who.map((a, f) => ({ photoId: id, attendeeId: attendeeIds[a]!, eventId: event.id, faceIndex: f, distance: 0.3 }));
      matchCount += matches.insertMany(rows, createdAt + 600).length;
      faces += faceRecords.length;
    });
  })();
  db.close();
  return {
    id: event.id,
    code: event.code,
    usernames,
    photos: opts.photos,
    matches: matchCount,
    faces,
    gallerySizes: summarize(galleries.map((g) => g.length)),
    seedMs: performance.now() - t0,
  };
}
