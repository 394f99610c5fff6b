// The Problems list over real HTTP: files refused by every way in (upload, folder import, hot
// folder, FTP) kept with a reason code and listed with the event's failed jobs, newest first;
// dismissing; the cap per event; the event's live figures and its newest matches.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventQueue, RecentMatches } from '../../../server/contract/event-live.js';
import type { FtpAccess } from '../../../server/contract/ftp.js';
import type { Problem, ProblemList } from '../../../server/contract/problems.js';
import { createRefusedFilesRepo } from '../../../server/db/repositories/refused-files-repo.js';
import { badImages } from '../../helpers/bad-images.js';
import { fixture, fixtureFile, manifest, uploadPhotos, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { camera } from '../../helpers/ftp-camera.js';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let eventId: string;
const scratch = mkdtempSync(join(tmpdir(), 'findme-problems-'));
const problems = async (id = eventId) => (await s.admin<ProblemList>('GET', `/api/admin/events/${id}/problems`)).body;
const byName = (list: ProblemList, name: string) => list.problems.find((p) => p.name === name);

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '1', FINDME_FTP_PASSIVE_MIN: '41300', FINDME_FTP_PASSIVE_MAX: '41319' } });
  eventId = (await s.createEvent('Problems', 'PROB01')).id;
}, 30_000);
afterAll(async () => {
  await s.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('refused files and failed jobs', () => {
  it('keeps what an upload refused, with a reason code, beside the failed job of a broken photo', async () => {
    const bad = await badImages();
    const res = await uploadPhotos(s, eventId, [
      { name: 'notes.txt', bytes: Buffer.from('not a photo\n') },
      bad.find((b) => b.name === 'zero-bytes.jpg')!,
      bad.find((b) => b.name === 'animated.gif')!,
      bad.find((b) => b.name === 'bomb.png')!,
      bad.find((b) => b.name === 'truncated.jpg')!,
      fixtureFile('photos/obama1.jpg'),
    ]);
    expect(res.status).toBe(202);
    await waitForIdle(s);
    const list = await problems();
    expect(byName(list, 'notes.txt')).toMatchObject({ kind: 'refused', source: 'upload', reason: 'unreadable_image' });
    expect(byName(list, 'zero-bytes.jpg')).toMatchObject({ kind: 'refused', source: 'upload', reason: 'empty_file' });
    expect(byName(list, 'animated.gif')).toMatchObject({ kind: 'refused', source: 'upload', reason: 'unsupported_format' });
    expect(byName(list, 'bomb.png')).toMatchObject({ kind: 'refused', source: 'upload', reason: 'image_too_large' });
    const job = byName(list, 'truncated.jpg')!;
    expect(job).toMatchObject({ kind: 'job', source: 'photo', reason: 'unreadable_image', attempts: 1 });
    expect(job.detail).toBeTruthy(); // the technical words, for the tooltip
    expect(byName(list, 'obama1.jpg')).toBeUndefined();
    expect(list).toMatchObject({ refused: 4, failedJobs: 1 });
    const times = list.problems.map((p) => p.at);
    expect(times).toEqual([...times].sort().reverse());
    // the job's id retries it, as on the old Failed jobs page
    expect((await s.admin('POST', `/api/admin/jobs/${job.id}/retry`)).status).toBe(202);
    await waitForIdle(s);
    expect(byName(await problems(), 'truncated.jpg')).toMatchObject({ kind: 'job', reason: 'unreadable_image' });
  });

  it('keeps what a folder import and a hot folder refused, each with its way in', async () => {
    const folder = join(scratch, 'import');
    const hot = join(scratch, 'hot');
    mkdirSync(folder);
    mkdirSync(hot);
    writeFileSync(join(folder, 'text-as.jpg'), 'hello, not a jpeg');
    writeFileSync(join(folder, 'good.jpg'), readFileSync(fixture('photos/obama2.jpg')));
    const imported = await s.admin('POST', `/api/admin/events/${eventId}/import`, { folder });
    expect(imported.body).toMatchObject({ queued: 1, failed: 1 });
    expect(byName(await problems(), 'text-as.jpg')).toMatchObject({ kind: 'refused', source: 'import', reason: 'unreadable_image' });

    expect((await s.admin('PUT', `/api/admin/events/${eventId}/hot-folder`, { folder: hot })).status).toBe(200);
    writeFileSync(join(hot, 'readme.png'), 'a text file with a photo name');
    await expect
      .poll(async () => byName(await problems(), 'readme.png'), { timeout: 15_000 })
      .toMatchObject({ source: 'hot_folder', reason: 'unreadable_image' });
    await s.admin('PUT', `/api/admin/events/${eventId}/hot-folder`, { folder: null });
  });

  it('keeps what a camera sent over FTP that is not an image', async () => {
    const access = (await s.admin<FtpAccess>('PUT', `/api/admin/events/${eventId}/ftp`, { enabled: true })).body;
    const text = join(scratch, 'IMG_0009.JPG');
    writeFileSync(text, 'a text file named like a photo');
    const result = await camera(access, [{ do: 'stor', name: 'IMG_0009.JPG', file: text }]);
    expect(result.steps[0]!.ok).toBe(false);
    expect(byName(await problems(), 'IMG_0009.JPG')).toMatchObject({ kind: 'refused', source: 'ftp', reason: 'unreadable_image' });
    await s.admin('PUT', `/api/admin/events/${eventId}/ftp`, { enabled: false });
  });

  it('dismisses one refused file, then all of them; another event sees none of them', async () => {
    const other = await s.createEvent('Other', 'OTHER1');
    expect((await problems(other.id)).problems).toEqual([]);
    const gif = byName(await problems(), 'animated.gif') as Problem;
    expect((await s.admin('DELETE', `/api/admin/refused-files/${gif.id}`)).status).toBe(204);
    const again = await s.admin('DELETE', `/api/admin/refused-files/${gif.id}`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('not_found');
    expect(byName(await problems(), 'animated.gif')).toBeUndefined();
    const all = await s.admin('DELETE', `/api/admin/events/${eventId}/refused-files`);
    expect(all.body.dismissed).toBeGreaterThanOrEqual(5);
    const left = await problems();
    expect(left.refused).toBe(0);
    expect(left.problems.map((p) => p.kind)).toEqual(['job']); // failed jobs stay until retried
    expect((await s.admin('GET', '/api/admin/events/nope/problems')).body.error.code).toBe('event_not_found');
  });

  it('keeps only the newest refusals of an event', async () => {
    const repo = createRefusedFilesRepo(s.findme.db, 3);
    for (let i = 1; i <= 5; i++) repo.add({ eventId, fileName: `f${i}.txt`, source: 'upload', reason: 'unreadable_image', detail: null, createdAt: i });
    expect(repo.listByEvent(eventId, 10).map((r) => r.fileName)).toEqual(['f5.txt', 'f4.txt', 'f3.txt']);
    repo.removeAllOfEvent(eventId);
  });
});

describe('the Live page of one event', () => {
  it("gives the event's figures and its newest matches with names and thumbnails", async () => {
    const event = await s.createEvent('Live', 'LIVE01');
    const files = Object.entries(manifest.photos)
      .filter(([, v]) => v.faces.includes('obama'))
      .slice(0, 3)
      .map(([k]) => fixtureFile(k));
    expect((await uploadPhotos(s, event.id, files)).status).toBe(202);
    await waitForIdle(s);
    const { token } = await register(s, { code: 'LIVE01', username: 'obama' });
    expect((await uploadSelfie(s, token, readFileSync(fixture(manifest.selfies.obama!)))).status).toBe(202);
    await waitForIdle(s);

    const queue = (await s.admin<EventQueue>('GET', `/api/admin/events/${event.id}/queue`)).body;
    expect(queue).toEqual({ queued: 0, processing: 0, done: 3, failed: 0, photosPerMinute: 0, etaSeconds: 0 });

    const recent = (await s.admin<RecentMatches>('GET', `/api/admin/events/${event.id}/recent-matches?limit=2`)).body.matches;
    expect(recent).toHaveLength(2);
    expect(recent[0]).toMatchObject({ eventId: event.id, attendeeName: 'obama' });
    expect(recent[0]!.matchedAt >= recent[1]!.matchedAt).toBe(true);
    const thumb = await fetch(s.adminUrl + recent[0]!.thumbUrl, { headers: { authorization: `Bearer ${s.adminToken}` } });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    expect((await s.admin<RecentMatches>('GET', `/api/admin/events/${eventId}/recent-matches`)).body.matches).toEqual([]);
    expect((await s.admin('GET', `/api/admin/events/${event.id}/recent-matches?limit=0`)).status).toBe(400);
  }, 120_000);
});
