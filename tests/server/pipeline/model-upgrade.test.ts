// A new face model: photos and selfies described by the old one go back through the job queue
// (real SQLite file, real repositories), only for events on the local engine, once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/database.js';
import { createAttendeesRepo } from '../../../server/db/repositories/attendees-repo.js';
import { createEventsRepo } from '../../../server/db/repositories/events-repo.js';
import { createJobsRepo } from '../../../server/db/repositories/jobs-repo.js';
import { createPhotosRepo } from '../../../server/db/repositories/photos-repo.js';
import { createSelfiesRepo } from '../../../server/db/repositories/selfies-repo.js';
import { createLiveBus } from '../../../server/live/live-bus.js';
import { createSelfieStatus } from '../../../server/status/selfie-status.js';
import { createModelUpgrade } from '../../../server/pipeline/model-upgrade.js';

const dir = mkdtempSync(join(tmpdir(), 'findme-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('model upgrade', () => {
  const db = openDatabase(join(dir, 'findme.db'));
  const events = createEventsRepo(db);
  const attendees = createAttendeesRepo(db);
  const photos = createPhotosRepo(db);
  const selfies = createSelfiesRepo(db);
  const jobs = createJobsRepo(db);
  const face = { faceIndex: 0, box: { x: 0, y: 0, width: 100, height: 100 }, score: 0.9, descriptor: new Float32Array(128).fill(0.1) };

  for (const eventId of ['local-ev', 'aws-ev']) {
    events.insert({ id: eventId, name: eventId, code: eventId === 'local-ev' ? 'LOCAL1' : 'AWS001', createdAt: 1 });
    attendees.insert({
      id: `${eventId}-a`,
      eventId,
      username: 'ann',
      usernameKey: 'ann',
      email: null,
      displayName: 'Ann',
      passwordHash: 'x',
      consentAt: 1,
      consentVersion: '1',
      createdAt: 1,
    });
    for (const [n, model] of [
      [1, 'old-model'],
      [2, 'new-model'],
    ] as const) {
      const id = `${eventId}-p${n}`;
      photos.insert({ id, eventId, fileName: `${n}.jpg`, sha256: `${eventId}${n}`, ext: '.jpg', byteSize: 1, status: 'queued', error: null, createdAt: 1 });
      photos.saveResult(id, eventId, model, { width: 100, height: 100, faces: [face] }, 2);
      jobs.enqueue('photo', id, 1);
    }
    selfies.insert(`${eventId}-s`, `${eventId}-a`, eventId, 1);
    selfies.accept(`${eventId}-s`, face.descriptor, 'old-model', 2);
    jobs.enqueue('selfie', `${eventId}-s`, 1);
  }
  db.exec(`UPDATE jobs SET state = 'done'`);

  const upgrade = createModelUpgrade({
    db,
    events,
    photos,
    selfies,
    jobs,
    selfieStatus: createSelfieStatus({ selfies, bus: createLiveBus() }),
    usesLocalEngine: (id) => id === 'local-ev',
    modelId: 'new-model',
    now: () => 10,
  });

  it('compares descriptors of one model only', () => {
    expect(photos.eventFaces('local-ev', 'new-model').map((f) => f.photoId)).toEqual(['local-ev-p2']);
    expect(selfies.acceptedDescriptors('local-ev', 'new-model')).toEqual([]);
    expect(selfies.acceptedDescriptors('local-ev', 'old-model')).toHaveLength(1);
  });

  it('queues the stale photo and selfie of local events again, and counts what is left', () => {
    expect(upgrade.pending()).toBe(2);
    expect(upgrade.queueStale()).toEqual({ photos: 1, selfies: 1 });
    const queued = jobs
      .list('queued', 10)
      .map((j) => j.refId)
      .sort();
    expect(queued).toEqual(['local-ev-p1', 'local-ev-s']);
    expect(selfies.findById('local-ev-s')?.status).toBe('processing');
    expect(selfies.findById('aws-ev-s')?.status).toBe('accepted'); // Rekognition's event keeps its faces
  });

  it('is done once the jobs have described them with the new model', () => {
    photos.saveResult('local-ev-p1', 'local-ev', 'new-model', { width: 100, height: 100, faces: [face] }, 3);
    selfies.accept('local-ev-s', face.descriptor, 'new-model', 3);
    expect(upgrade.pending()).toBe(0);
    expect(upgrade.queueStale()).toEqual({ photos: 0, selfies: 0 });
  });
});
