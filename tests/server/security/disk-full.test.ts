// A full disk (a small tmpfs made by the test) and an unwritable data folder: clear errors,
// no corruption, and recovery once space returns. Skipped, saying why, where tmpfs cannot be
// mounted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../server/config.js';
import { ensureWritableDataDir } from '../../../server/storage/data-dir.js';
import { fixtureFile, uploadPhotos, waitForIdle } from '../../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const mountPoint = mkdtempSync(join(tmpdir(), 'findme-full-'));
const roPoint = mkdtempSync(join(tmpdir(), 'findme-ro-'));

function tryMount(args: string[]): string | null {
  try {
    execFileSync('mount', args, { stdio: 'pipe' });
    return null;
  } catch (err) {
    return (err as Error).message.split('\n')[0] ?? 'mount failed';
  }
}
const skipReason = tryMount(['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mountPoint]);
const umount = (p: string) => {
  try {
    execFileSync('umount', [p], { stdio: 'pipe' });
  } catch {
    /* not mounted */
  }
};

describe.skipIf(skipReason !== null)(`full disk (${skipReason ?? 'tmpfs of 24 MB'})`, () => {
  let s: TestServer;
  const filler = join(mountPoint, 'filler.bin');
  beforeAll(async () => {
    s = await startTestServer({ dataDir: join(mountPoint, 'data'), env: { FINDME_WORKERS: '1' } });
  });
  afterAll(async () => {
    await s?.close(true);
    umount(mountPoint);
    umount(roPoint);
    rmSync(mountPoint, { recursive: true, force: true });
    rmSync(roPoint, { recursive: true, force: true });
  });

  it('refuses photos with disk_full while the disk is full, keeps the database sound, and recovers', async () => {
    const event = await s.createEvent('Full disk');
    const free = (() => {
      const st = statfsSync(mountPoint);
      return st.bavail * st.bsize;
    })();
    writeFileSync(filler, Buffer.alloc(Math.max(0, free - 64 * 1024))); // leave 64 KB
    expect((await s.admin('GET', '/api/admin/system')).body.disk.low).toBe(true);

    const refused = await uploadPhotos(s, event.id, [fixtureFile('photos/obama1.jpg')]);
    expect(refused.status).toBe(507);
    expect(refused.body.error.code).toBe('disk_full');
    expect(refused.body.error.message).toMatch(/disk is full/);
    expect((await s.api('GET', '/api/health-check')).status).toBe(200);
    expect(readdirSync(join(mountPoint, 'data', 'events', event.id, 'incoming'))).toEqual([]); // nothing half-written kept

    rmSync(filler);
    const accepted = await uploadPhotos(s, event.id, [fixtureFile('photos/obama1.jpg')]);
    expect(accepted.status).toBe(202);
    await waitForIdle(s);
    expect((await s.admin('GET', `/api/admin/events/${event.id}/photos`)).body.photos.map((p: { status: string }) => p.status)).toEqual(['done']);
    expect(s.findme.db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
  });

  it('says clearly when the data folder cannot be written', () => {
    expect(tryMount(['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', roPoint])).toBeNull();
    expect(() => ensureWritableDataDir(join(roPoint, 'data'))).toThrow(ConfigError);
    expect(() => ensureWritableDataDir(roPoint)).toThrow(/read-only/);
  });
});

if (skipReason !== null) {
  it.skip(`full-disk test skipped: cannot mount a tmpfs here (${skipReason})`, () => undefined);
  rmSync(mountPoint, { recursive: true, force: true });
}
