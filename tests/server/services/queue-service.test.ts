// The queue service on a real SQLite file: the operator's retry of a failed photo job puts the
// photo back to queued and says so on the live bus (the dashboard's grid follows it), wakes the
// scheduler, and refuses a job that is not failed with a clear code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/database.js';
import { createEventsRepo } from '../../../server/db/repositories/events-repo.js';
import { createJobsRepo } from '../../../server/db/repositories/jobs-repo.js';
import { createPhotosRepo } from '../../../server/db/repositories/photos-repo.js';
import { createSelfiesRepo } from '../../../server/db/repositories/selfies-repo.js';
import { createLiveBus, type LiveEvents } from '../../../server/live/live-bus.js';
import { createThroughput } from '../../../server/monitor/throughput.js';
import { createQueueService } from '../../../server/services/queue-service.js';
import { createPhotoStatus } from '../../../server/status/photo-status.js';
import { createSelfieStatus } from '../../../server/status/selfie-status.js';

const dir = mkdtempSync(join(tmpdir(), 'findme-queue-'));
const db = openDatabase(join(dir, 'findme.db'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

it('retries a failed photo job: the photo is queued again, announced, and the scheduler woken', () => {
  const events = createEventsRepo(db);
  const photos = createPhotosRepo(db);
  const selfies = createSelfiesRepo(db);
  const jobs = createJobsRepo(db);
  const bus = createLiveBus();
  events.insert({ id: 'ev', name: 'Gala', code: 'GALA01', createdAt: 1 });
  photos.insert({ id: 'p1', eventId: 'ev', fileName: 'a.jpg', sha256: 'x', ext: '.jpg', byteSize: 1, status: 'queued', error: null, createdAt: 1 });
  jobs.enqueue('photo', 'p1', 1);
  const job = jobs.claim(2, 60_000)!;
  jobs.markFailed(job.id, 'unreadable_image: truncated', 3);
  photos.setStatus('p1', 'failed', 'unreadable_image: truncated');

  let woken = 0;
  const announced: LiveEvents['photo'][] = [];
  bus.on('photo', (e) => announced.push(e));
  const queue = createQueueService({
    jobs,
    scheduler: { processed: () => 0, notify: () => void woken++ },
    pool: { active: () => 0, size: () => 2 },
    throughput: createThroughput(),
    caches: () => ({}),
    photoStatus: createPhotoStatus({ photos, bus }),
    selfieStatus: createSelfieStatus({ selfies, bus }),
    now: () => 4,
  });

  expect(queue.stats().queue).toMatchObject({ failed: 1, queued: 0, workers: 2 });
  queue.retry(job.id);
  expect(photos.findById('p1')).toMatchObject({ status: 'queued', error: null });
  expect(announced).toEqual([{ eventId: 'ev', photoId: 'p1', fileName: 'a.jpg', status: 'queued', faceCount: 0 }]);
  expect(woken).toBe(1);
  expect(queue.stats().queue).toMatchObject({ failed: 0, queued: 1 });

  expect(() => queue.retry(job.id)).toThrow(expect.objectContaining({ statusCode: 409, code: 'job_not_retryable' }));
  expect(() => queue.retry(99_999)).toThrow(expect.objectContaining({ statusCode: 404, code: 'not_found' }));
});
