// The hot folder: a file still being written is taken only once complete; temporary and
// hidden files are ignored; files that arrived while FindMe was stopped are taken at start.
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { fixture, waitForIdle } from '../../helpers/fixtures.js';
import { startTestServer } from '../../helpers/test-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'findme-hotdata-'));
const hot = mkdtempSync(join(tmpdir(), 'findme-hotdir-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(hot, { recursive: true, force: true });
});

const photosOf = async (s: Awaited<ReturnType<typeof startTestServer>>, eventId: string) =>
  (await s.admin('GET', `/api/admin/events/${eventId}/photos`)).body.photos as { fileName: string; status: string }[];

it('waits for files to be complete, ignores temporary ones, and catches up after a restart', async () => {
  let s = await startTestServer({ dataDir, env: { FINDME_WORKERS: '1' } });
  const event = await s.createEvent('Hot', 'HOT001');
  expect((await s.admin('PUT', `/api/admin/events/${event.id}/hot-folder`, { folder: hot })).status).toBe(200);

  // a photo copied slowly, in chunks over ~1 s
  const bytes = readFileSync(fixture('photos/obama2.jpg'));
  const slow = join(hot, 'slow.jpg');
  const chunks = 8;
  writeFileSync(slow, bytes.subarray(0, 0));
  for (let i = 0; i < chunks; i++) {
    appendFileSync(slow, bytes.subarray((i * bytes.length) / chunks, ((i + 1) * bytes.length) / chunks));
    await new Promise((r) => setTimeout(r, 150));
  }
  writeFileSync(join(hot, 'upload.jpg.part'), bytes);
  writeFileSync(join(hot, '.DS_Store.jpg'), bytes);
  writeFileSync(join(hot, 'notes.txt'), 'hello');
  await expect.poll(() => photosOf(s, event.id), { timeout: 15_000 }).toHaveLength(1);
  await waitForIdle(s);
  expect(await photosOf(s, event.id)).toEqual([expect.objectContaining({ fileName: 'slow.jpg', status: 'done' })]);
  const stored = s.findme.db.prepare('SELECT sha256 FROM photos').get() as { sha256: string };
  expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex')); // the whole file, not a prefix
  await s.close(true);

  // files that arrive while FindMe is stopped
  copyFileSync(fixture('photos/biden2.jpg'), join(hot, 'while-stopped.jpg'));
  s = await startTestServer({ dataDir, env: { FINDME_WORKERS: '1' } });
  try {
    await expect.poll(() => photosOf(s, event.id), { timeout: 15_000 }).toHaveLength(2);
    await waitForIdle(s);
    expect((await photosOf(s, event.id)).map((p) => `${p.fileName}:${p.status}`).sort()).toEqual(['slow.jpg:done', 'while-stopped.jpg:done']);
  } finally {
    await s.close(true);
  }
});
