// Duplicates, bad files, a killed worker, a live change of the worker count, and retries.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badImages } from '../../helpers/bad-images.js';
import { fixture, fixtureFile, manifest, uploadPhotos, waitForIdle } from '../../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

// A thread killed in the middle of an ONNX Runtime call aborts the whole process (its binding
// cannot unwind into a terminating thread), so FindMe never terminates a busy thread (see
// server/workers/image-pool.ts). A thread dying in the middle of a job is simulated here on the
// TensorFlow.js runtime, where killing one is safe; the worker threads read this at their start.
process.env.FINDME_FACE_RUNTIME = 'tfjs';

let s: TestServer;
const hot = mkdtempSync(join(tmpdir(), 'findme-hot-dup-'));
beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '2' } });
});
afterAll(async () => {
  await s.close();
  rmSync(hot, { recursive: true, force: true });
});

const photosOf = async (eventId: string) =>
  (await s.admin('GET', `/api/admin/events/${eventId}/photos?limit=1000`)).body.photos as { id: string; fileName: string; status: string; error?: string }[];

describe('duplicates', () => {
  it('stores and processes the same bytes once, however they arrive', async () => {
    const event = await s.createEvent('Dups');
    const file = fixtureFile('photos/obama1.jpg');
    const first = await uploadPhotos(s, event.id, [file, { ...file, name: 'copy-of-obama1.jpg' }]);
    expect(first.body.photos).toHaveLength(1);
    expect(first.body.duplicates).toEqual(['copy-of-obama1.jpg']);
    const again = await uploadPhotos(s, event.id, [file]);
    expect(again.body).toEqual({ photos: [], duplicates: ['obama1.jpg'] });
    copyFileSync(fixture('photos/obama1.jpg'), join(hot, 'again.jpg'));
    await s.admin('PUT', `/api/admin/events/${event.id}/hot-folder`, { folder: hot });
    await s.findme.hotFolders.settled();
    const imported = await s.admin('POST', `/api/admin/events/${event.id}/import`, { folder: hot });
    expect(imported.body).toEqual({ queued: 0, duplicates: 1, failed: 0, skipped: 0 });
    await waitForIdle(s);
    expect(await photosOf(event.id)).toEqual([expect.objectContaining({ fileName: 'obama1.jpg', status: 'done' })]);
    // the same bytes in another event are another photo
    const otherEvent = await s.createEvent('Dups 2');
    expect((await uploadPhotos(s, otherEvent.id, [file])).body.photos).toHaveLength(1);
    await s.admin('PUT', `/api/admin/events/${event.id}/hot-folder`, { folder: null });
  });
});

describe('bad files', () => {
  it('refuses each with a reason while good photos in the same batch go through', async () => {
    const event = await s.createEvent('Bad files');
    const bad = await badImages();
    const res = await uploadPhotos(s, event.id, [...bad, fixtureFile('photos/biden2.jpg')]);
    expect(res.status).toBe(202);
    await waitForIdle(s);
    const photos = await photosOf(event.id);
    const byName = new Map(photos.map((p) => [p.fileName, p]));
    for (const b of bad) {
      expect(byName.get(b.name)?.status, b.name).toBe('failed');
      expect(byName.get(b.name)?.error, b.name).toMatch(/.{8,}/);
    }
    expect(byName.get('bomb.png')?.error).toMatch(/too many pixels/);
    expect(byName.get('animated.gif')?.error).toMatch(/JPEG, PNG and WebP/);
    expect(byName.get('zero-bytes.jpg')?.error).toMatch(/empty/);
    expect(byName.get('truncated.jpg')?.error).toMatch(/unreadable_image/);
    expect(byName.get('biden2.jpg')?.status).toBe('done');
    // the truncated one was decoded once and failed for good, not retried three times
    const failed = (await s.admin('GET', '/api/admin/jobs?state=failed')).body.jobs;
    const truncatedJob = failed.find((j: { refId: string }) => j.refId === byName.get('truncated.jpg')!.id);
    expect(truncatedJob).toMatchObject({ kind: 'photo', state: 'failed', attempts: 1 });
  });

  it('retries a failed job on request, and refuses to retry a done one', async () => {
    const failed = (await s.admin('GET', '/api/admin/jobs?state=failed')).body.jobs[0];
    expect((await s.admin('POST', `/api/admin/jobs/${failed.id}/retry`)).status).toBe(202);
    await waitForIdle(s);
    expect((await s.admin('GET', '/api/admin/jobs?state=failed')).body.jobs.map((j: { id: number }) => j.id)).toContain(failed.id);
    const done = (await s.admin('GET', '/api/admin/jobs?state=done')).body.jobs[0];
    const res = await s.admin('POST', `/api/admin/jobs/${done.id}/retry`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('job_not_retryable');
    expect((await s.admin('POST', '/api/admin/jobs/999999/retry')).status).toBe(404);
  });
});

describe('worker faults and live resizing', () => {
  it('retries the job of a killed worker while the server keeps answering', async () => {
    const event = await s.createEvent('Crash');
    const files = Object.keys(manifest.photos).slice(0, 6).map(fixtureFile);
    await uploadPhotos(s, event.id, files);
    await expect.poll(() => s.findme.pool.active(), { timeout: 10_000, interval: 20 }).toBeGreaterThan(0);
    const threads = s.findme.pool.threads();
    expect(threads.length).toBeGreaterThan(0);
    await threads[0]!.terminate();
    let answered = 0;
    while (s.findme.queue.stats().queue.queued + s.findme.queue.stats().queue.running > 0) {
      expect((await s.api('GET', '/api/health-check')).status).toBe(200);
      answered++;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(answered).toBeGreaterThan(0);
    const photos = await photosOf(event.id);
    expect(photos.map((p) => p.status)).toEqual(files.map(() => 'done'));
    const retried = s.findme.db
      .prepare(`SELECT MAX(attempts) AS n FROM jobs WHERE kind = 'photo' AND ref_id IN (SELECT id FROM photos WHERE event_id = ?)`)
      .get(event.id) as { n: number };
    expect(retried.n).toBe(2);
  });

  it('changes the worker count live without losing or failing a job', async () => {
    const event = await s.createEvent('Resize');
    const files = Object.keys(manifest.photos).map(fixtureFile);
    await uploadPhotos(s, event.id, files);
    await expect.poll(() => s.findme.pool.active(), { timeout: 10_000, interval: 20 }).toBeGreaterThan(0);
    expect((await s.admin('PUT', '/api/admin/settings', { workers: 1 })).body.workers).toBe(1);
    expect((await s.admin('GET', '/api/admin/queue/stats')).body.queue.workers).toBe(1);
    await waitForIdle(s);
    expect((await photosOf(event.id)).every((p) => p.status === 'done')).toBe(true);
    expect(s.findme.pool.threads().length).toBe(1);
    await s.admin('PUT', '/api/admin/settings', { workers: 2 });
  });
});
