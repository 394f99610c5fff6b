// Hot folders and imports take only regular image files found under the folder itself: no
// device or FIFO named .jpg, no symlink out of the folder, nothing from FindMe's own data
// folder, nothing over the size cap; and one stuck folder does not hold up another's files.
// (A symlink to /dev/null stands for /dev/zero: the same kind of file, without filling the disk
// should the protection ever go.)
import { execFileSync } from 'node:child_process';
import { closeSync, constants, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES } from '../../../server/ingest/folders.js';
import { fixture } from '../../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
const root = mkdtempSync(join(tmpdir(), 'findme-trust-'));
const fifos: string[] = [];
const parent = join(root, 'parent'); // holds the data folder: importing it must be refused
beforeAll(async () => {
  mkdirSync(parent);
  // One worker; photos stay queued or get processed, either way they are listed.
  s = await startTestServer({ dataDir: join(parent, 'data'), env: { FINDME_WORKERS: '1' } });
});
afterAll(async () => {
  // Should a FIFO ever be opened for reading, a writer coming and going lets it end.
  for (const fifo of fifos) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      /* nobody reading */
    }
  }
  await s.close();
  rmSync(root, { recursive: true, force: true });
});

const photosOf = async (eventId: string) =>
  ((await s.admin('GET', `/api/admin/events/${eventId}/photos?limit=1000`)).body.photos as { fileName: string }[]).map((p) => p.fileName).sort();

function hostileFolder(name: string) {
  const dir = join(root, name);
  mkdirSync(dir);
  copyFileSync(fixture('photos/obama1.jpg'), join(dir, 'real.jpg'));
  symlinkSync('/dev/null', join(dir, 'device.jpg'));
  for (const fifo of ['pipe-a.jpg', 'pipe-b.jpg']) {
    execFileSync('mkfifo', [join(dir, fifo)]);
    fifos.push(join(dir, fifo));
  }
  const outside = join(root, `${name}-outside.jpg`);
  copyFileSync(fixture('photos/biden2.jpg'), outside);
  symlinkSync(outside, join(dir, 'link-out.jpg'));
  symlinkSync(s.dataDir, join(dir, 'findme-data'));
  const huge = join(dir, 'huge.jpg');
  copyFileSync(fixture('photos/obama2.jpg'), huge);
  truncateSync(huge, MAX_PHOTO_BYTES + 1); // sparse: no disk used
  return dir;
}

describe('hot folders', () => {
  it('take only the regular images of the folder, and a stuck folder does not block another', async () => {
    const hostile = await s.createEvent('Hostile', 'HOSTIL');
    const quiet = await s.createEvent('Quiet', 'QUIET1');
    const dir = hostileFolder('hot');
    const calm = join(root, 'calm');
    mkdirSync(calm);
    expect((await s.admin('PUT', `/api/admin/events/${hostile.id}/hot-folder`, { folder: dir })).status).toBe(200);
    expect((await s.admin('PUT', `/api/admin/events/${quiet.id}/hot-folder`, { folder: calm })).status).toBe(200);
    copyFileSync(fixture('photos/obama3.jpg'), join(calm, 'calm.jpg'));
    await expect.poll(() => photosOf(quiet.id), { timeout: 20_000 }).toEqual(['calm.jpg']);
    await expect.poll(() => photosOf(hostile.id), { timeout: 20_000 }).toEqual(['real.jpg']);
    await s.findme.hotFolders.settled();
    expect(await photosOf(hostile.id)).toEqual(['real.jpg']);
  });
});

describe('folder import', () => {
  it('takes only the regular images of the folder', async () => {
    const event = await s.createEvent('Import', 'IMPORT');
    const dir = hostileFolder('import');
    const res = await s.admin('POST', `/api/admin/events/${event.id}/import`, { folder: dir });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ queued: 1 });
    expect(await photosOf(event.id)).toEqual(['real.jpg']);
  });

  it("refuses FindMe's data folder reached through a symlink, and a folder that holds it", async () => {
    const event = await s.createEvent('Data', 'DATA01');
    const link = join(root, 'data-link');
    symlinkSync(s.dataDir, link);
    for (const folder of [link, join(link, 'events'), parent, s.dataDir]) {
      for (const [method, path] of [
        ['POST', 'import'],
        ['PUT', 'hot-folder'],
      ] as const) {
        const res = await s.admin(method, `/api/admin/events/${event.id}/${path}`, { folder });
        expect(res.status, `${path} ${folder}`).toBe(400);
        expect(res.body.error.code).toBe('invalid_folder');
      }
    }
    expect(await photosOf(event.id)).toEqual([]);
  });
});
