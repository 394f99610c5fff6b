// The FTP receiver, driven by a real FTP client (Python's ftplib, passive mode): photos sent by a
// "camera" reach the event; cut-off uploads leave nothing and are taken when resent; two cameras'
// IMG_0001.JPG are two photos; wrong credentials, path tricks, non-images and active mode are refused.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FtpAccess } from '../../../server/contract/ftp.js';
import { fixture, waitForIdle } from '../../helpers/fixtures.js';
import { camera } from '../../helpers/ftp-camera.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const scratch = mkdtempSync(join(tmpdir(), 'findme-ftp-files-'));

let s: TestServer;
let eventId: string;
let access: FtpAccess;
const photos = async () => (await s.admin('GET', `/api/admin/events/${eventId}/photos`)).body.photos as { fileName: string; status: string }[];
const ftp = async () => (await s.admin('GET', `/api/admin/events/${eventId}/ftp`)).body as FtpAccess;
const incoming = () => {
  const dir = join(s.dataDir, 'events', eventId, 'incoming');
  return existsSync(dir) ? readdirSync(dir) : [];
};

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '1', FINDME_FTP_PASSIVE_MIN: '41200', FINDME_FTP_PASSIVE_MAX: '41239' } });
  eventId = (await s.createEvent('Gala', 'GALA26')).id;
});
afterAll(async () => {
  await s.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the FTP switch', () => {
  it('is off until the operator turns it on, with a user and password made for the event', async () => {
    const before = await ftp();
    expect(before).toMatchObject({ enabled: false, listening: false, username: 'findme-gala26', ftps: false, cameras: [] });
    expect(before.password).toMatch(/^[a-z2-9]{10}$/);
    expect((await ftp()).password).toBe(before.password); // stable

    const on = await s.admin('PUT', `/api/admin/events/${eventId}/ftp`, { enabled: true });
    expect(on.status).toBe(200);
    access = on.body;
    expect(access).toMatchObject({ enabled: true, listening: true, host: '127.0.0.1', passivePorts: '41200-41239', problem: null });
    expect(access.port).toBeGreaterThan(0);

    expect((await s.admin('PUT', `/api/admin/events/${eventId}/ftp`, { enabled: 'yes' })).body.error.code).toBe('invalid_request');
    expect((await s.admin('GET', '/api/admin/events/nope/ftp')).body.error.code).toBe('event_not_found');
  });
});

describe('a camera sending photos', () => {
  it('puts each photo through the ingest: on the dashboard and matched like any other', async () => {
    const result = await camera(access, [
      { do: 'mkd', path: 'DCIM' },
      { do: 'cwd', path: 'DCIM' },
      { do: 'stor', name: 'IMG_0001.JPG', file: fixture('photos/obama1.jpg') },
      { do: 'stor', name: 'IMG_0002.JPG', file: fixture('photos/biden2.jpg') },
      { do: 'cmd', line: 'SIZE IMG_0001.JPG' },
    ]);
    expect(result.login).toMatch(/^230 .*Gala/);
    expect(result.steps.map((x) => x.reply)).toEqual([
      expect.stringMatching(/^\/DCIM$/),
      expect.stringMatching(/^250/),
      '226 Received IMG_0001.JPG.',
      '226 Received IMG_0002.JPG.',
      `213 ${readFileSync(fixture('photos/obama1.jpg')).length}`,
    ]);
    await waitForIdle(s);
    expect((await photos()).map((p) => [p.fileName, p.status]).sort()).toEqual([
      ['IMG_0001.JPG', 'done'],
      ['IMG_0002.JPG', 'done'],
    ]);
    const [cam] = (await ftp()).cameras;
    expect(cam).toMatchObject({ address: '127.0.0.1', connected: false, photos: 2, duplicates: 0, refused: 0, lost: 0, lastError: null });
    expect(incoming()).toEqual([]);
  });

  it("takes two cameras' IMG_0003.JPG as two photos, and the same bytes again as a duplicate", async () => {
    const [a, b] = await Promise.all([
      camera(access, [{ do: 'stor', name: 'IMG_0003.JPG', file: fixture('photos/john2.jpg') }]),
      camera(access, [{ do: 'stor', name: 'IMG_0003.JPG', file: fixture('photos/obama2.jpg') }]),
    ]);
    expect([a.steps[0]!.reply, b.steps[0]!.reply]).toEqual(['226 Received IMG_0003.JPG.', '226 Received IMG_0003.JPG.']);
    const again = await camera(access, [{ do: 'stor', name: 'resent.jpg', file: fixture('photos/obama2.jpg') }]);
    expect(again.steps[0]!.reply).toBe('226 resent.jpg was already received.');
    expect((await photos()).filter((p) => p.fileName === 'IMG_0003.JPG')).toHaveLength(2);
    expect((await photos()).some((p) => p.fileName === 'resent.jpg')).toBe(false);
    expect((await ftp()).cameras[0]!).toMatchObject({ photos: 4, duplicates: 1 });
  });

  it('keeps nothing of an upload cut off mid-file, and takes the file when it is sent again', async () => {
    const file = fixture('photos/kit_with_rose.jpg');
    const size = readFileSync(file).length;
    const cut = await camera(access, [{ do: 'cut', name: 'IMG_0009.JPG', file, bytes: Math.floor(size / 2) }]);
    expect(cut.steps[0]!.reply).toMatch(/^426 IMG_0009\.JPG.*nothing was kept/);
    // a camera whose connection ended cleanly after half the file: the JPEG has no end
    const half = join(scratch, 'half.jpg');
    writeFileSync(half, readFileSync(file).subarray(0, Math.floor(size / 2)));
    const clean = await camera(access, [{ do: 'stor', name: 'IMG_0009.JPG', file: half }]);
    expect(clean.steps[0]).toMatchObject({ ok: false, reply: expect.stringMatching(/^426 IMG_0009\.JPG arrived incomplete/) });
    expect((await photos()).some((p) => p.fileName === 'IMG_0009.JPG')).toBe(false);
    expect(incoming()).toEqual([]);
    expect((await ftp()).cameras[0]!).toMatchObject({
      lost: 2,
      lastError: { message: expect.stringMatching(/incomplete/), reason: 'incomplete', file: 'IMG_0009.JPG' },
    });

    const resent = await camera(access, [{ do: 'stor', name: 'IMG_0009.JPG', file }]);
    expect(resent.steps[0]!.reply).toBe('226 Received IMG_0009.JPG.');
    expect((await photos()).filter((p) => p.fileName === 'IMG_0009.JPG')).toHaveLength(1);
  });

  it('refuses non-images with a reason the camera can show, and RAW files before they are sent', async () => {
    const text = join(scratch, 'notes.jpg');
    writeFileSync(text, 'not a photo at all');
    const empty = join(scratch, 'empty.jpg');
    writeFileSync(empty, '');
    const result = await camera(access, [
      { do: 'stor', name: 'notes.jpg', file: text },
      { do: 'stor', name: 'empty.jpg', file: empty },
      { do: 'stor', name: 'anim.gif', file: fixture('photos/obama1.jpg').replace(/obama1\.jpg$/, '32bit.png') },
      { do: 'stor', name: 'IMG_0010.CR3', file: text },
    ]);
    expect(result.steps.map((x) => x.reply)).toEqual([
      '553 notes.jpg not taken: This file is not a readable image.',
      '553 empty.jpg not taken: the file is empty.',
      expect.stringMatching(/^226 Received anim\.gif\.|^553/), // a PNG under any name is a PNG
      '553 IMG_0010.CR3 not taken: FindMe takes JPEG photos; set the camera to send JPEG only.',
    ]);
    expect((await photos()).some((p) => ['notes.jpg', 'empty.jpg', 'IMG_0010.CR3'].includes(p.fileName))).toBe(false);
    expect((await ftp()).cameras[0]!.lastError).toMatchObject({ message: expect.stringMatching(/CR3/), reason: 'not_jpeg', file: 'IMG_0010.CR3' });
  });
});

describe('hostile input', () => {
  it("refuses wrong credentials, and another event's user while its FTP is off", async () => {
    const wrong = await camera(access, [], { password: 'wrongpass00' });
    expect(wrong).toMatchObject({ login: null, error: expect.stringMatching(/^530 Login incorrect/) });
    const unknown = await camera(access, [], { user: 'findme-other' });
    expect(unknown.error).toMatch(/^530/);
    const other = await s.createEvent('Other', 'OTHER1');
    const otherAccess = (await s.admin('GET', `/api/admin/events/${other.id}/ftp`)).body as FtpAccess;
    expect((await camera(access, [], { user: otherAccess.username, password: otherAccess.password })).error).toMatch(/^530/);
  });

  it('keeps every path inside the event: a traversal is only a name', async () => {
    const outside = join(tmpdir(), `findme-ftp-escape-${process.pid}.jpg`);
    const result = await camera(access, [
      { do: 'cwd', path: '../../../..' },
      { do: 'cmd', line: 'PWD' },
      { do: 'stor', name: `../../../../../../..${outside}`, file: fixture('photos/alex_lacamoire1.jpg') },
    ]);
    expect(result.steps[1]!.reply).toBe('257 "/" is the current directory.');
    expect(result.steps[2]!.reply).toMatch(/^226 Received findme-ftp-escape/);
    expect(existsSync(outside)).toBe(false);
    const names = (await photos()).map((p) => p.fileName);
    expect(names).toContain(`findme-ftp-escape-${process.pid}.jpg`);
  });

  it('speaks only passive, receive-only FTP', async () => {
    const result = await camera(access, [
      { do: 'cmd', line: 'PORT 127,0,0,1,4,1' },
      { do: 'cmd', line: 'RETR IMG_0001.JPG' },
      { do: 'cmd', line: 'DELE IMG_0001.JPG' },
      { do: 'cmd', line: 'SITE CHMOD 777 x' },
    ]);
    expect(result.steps.map((x) => x.reply.slice(0, 3))).toEqual(['502', '550', '550', '550']);
  });
});

describe('turning it off', () => {
  it('stops the receiver when no event has FTP on, and FTPS works when turned on', async () => {
    const off = await s.admin('PUT', `/api/admin/events/${eventId}/ftp`, { enabled: false });
    expect(off.body).toMatchObject({ enabled: false, listening: false });
    await expect(camera(access, [])).rejects.toThrow(/Connection refused|ConnectionRefused/);

    expect((await s.admin('PUT', '/api/admin/settings', { ftpTls: true })).status).toBe(200);
    const on = (await s.admin('PUT', `/api/admin/events/${eventId}/ftp`, { enabled: true })).body as FtpAccess;
    expect(on).toMatchObject({ enabled: true, listening: true, ftps: true, tlsFingerprint: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) });
    const secure = await camera(on, [{ do: 'stor', name: 'IMG_0100.JPG', file: fixture('photos/johnsnow_test1.jpg') }], { tls: true });
    expect(secure.steps[0]!.reply).toBe('226 Received IMG_0100.JPG.');
    expect(existsSync(join(s.dataDir, 'ftp-tls.json'))).toBe(true);
  });
});
