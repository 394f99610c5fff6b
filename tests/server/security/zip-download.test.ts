// "Download all" cannot crash the server: the ZIP opens one original at a time, a client that
// hangs up leaves no file open, and a missing original is skipped instead of ending the process.
// The gallery is made directly in the real database (40 photos of one real fixture, hard-linked
// on disk) so that no face work is needed to have a big one.
import { copyFileSync, linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventFiles } from '../../../server/storage/event-files.js';
import { fixture } from '../../helpers/fixtures.js';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

const PHOTOS = 40;
let s: TestServer;
let token: string;
let originals: string[];

const openFiles = () => readdirSync('/proc/self/fd').length;

/** Entries counted by the ZIP's end-of-central-directory record. */
function zipEntryCount(zip: Buffer): number {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory: the ZIP is truncated');
  return zip.readUInt16LE(eocd + 10);
}

beforeAll(async () => {
  s = await startTestServer();
  const event = await s.createEvent('Zip', 'ZIPZIP');
  const reg = await register(s, { code: event.code, username: 'zipper' });
  token = reg.token;
  const { repos } = s.findme;
  const files = createEventFiles(s.dataDir);
  originals = [];
  const now = Date.now();
  for (let i = 0; i < PHOTOS; i++) {
    const id = `zipphoto${String(i).padStart(3, '0')}`;
    const path = files.original(event.id, id, '.jpg');
    mkdirSync(dirname(path), { recursive: true });
    if (i === 0) copyFileSync(fixture('photos/obama3.jpg'), path);
    else linkSync(originals[0]!, path);
    originals.push(path);
    repos.photos.insert({
      id,
      eventId: event.id,
      fileName: `p${i}.jpg`,
      sha256: id.padEnd(64, '0'),
      ext: '.jpg',
      byteSize: 595944,
      status: 'done',
      error: null,
      createdAt: now + i,
    });
    repos.matches.insertMany([{ photoId: id, attendeeId: reg.attendee.id, eventId: event.id, faceIndex: 0, distance: 0.3 }], now + i);
  }
});
afterAll(() => s.close());

describe('download all (ZIP)', () => {
  it('gives every photo when all is well', async () => {
    const res = await fetch(`${s.attendeeUrl}/api/my-photos/zip`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(zipEntryCount(Buffer.from(await res.arrayBuffer()))).toBe(PHOTOS);
  });

  it('closes every file when clients hang up mid-download', async () => {
    const before = openFiles();
    for (let i = 0; i < 8; i++) {
      const controller = new AbortController();
      const res = await fetch(`${s.attendeeUrl}/api/my-photos/zip`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
      const reader = res.body!.getReader();
      await reader.read(); // the download has started…
      controller.abort(); // …and the phone goes away
      await reader.cancel().catch(() => undefined);
    }
    // At most one original is open per download at any time, and none once they have gone.
    await expect.poll(openFiles, { timeout: 10_000 }).toBeLessThanOrEqual(before + 2);
    const health = await s.api('GET', '/api/health-check');
    expect(health.status).toBe(200);
  });

  it('skips a missing original and keeps serving', async () => {
    rmSync(originals[5]!);
    rmSync(originals[17]!);
    const res = await fetch(`${s.attendeeUrl}/api/my-photos/zip`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(zipEntryCount(Buffer.from(await res.arrayBuffer()))).toBe(PHOTOS - 2);
    expect((await s.api('GET', '/api/health-check')).status).toBe(200);
  });
});
