// Selfie checks: refused at upload when not an image, rejected with a reason when not usable,
// stored small and clean when accepted, at most 3 per attendee.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBombHeader } from '../../helpers/bad-images.js';
import { fixture, formWith, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let event: { id: string; code: string };
beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '1' } });
  event = await s.createEvent('Selfies', 'SELFIE');
});
afterAll(() => s.close());

const newAttendee = async (username: string) => (await register(s, { code: event.code, username })).token;
const selfiesOf = async (token: string) => (await s.api('GET', '/api/me', { token })).body.selfies;

describe('rejections', () => {
  it('rejects a photo of two people, a picture with no face, and a tiny face, with reasons', async () => {
    const token = await newAttendee('rejected');
    const blank = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#8ab' } })
      .jpeg()
      .toBuffer();
    const tiny = await sharp(fixture('selfies/obama.jpg'))
      .resize(90)
      .extend({ top: 300, bottom: 300, left: 300, right: 300, background: '#fff' })
      .jpeg()
      .toBuffer();
    for (const bytes of [readFileSync(fixture('photos/two_people.jpg')), blank, tiny]) {
      expect((await uploadSelfie(s, token, bytes)).status).toBe(202);
    }
    await waitForIdle(s);
    expect((await selfiesOf(token)).map((x: { reason: string }) => x.reason)).toEqual(['several_faces', 'no_face', 'face_too_small']);
    // rejected selfies do not count against the limit of 3
    expect((await uploadSelfie(s, token, readFileSync(fixture('selfies/obama.jpg')))).status).toBe(202);
  });

  it('refuses files that are not JPEG, PNG or WebP images at upload, with a code', async () => {
    const token = await newAttendee('badfiles');
    const gif = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const cases: [Buffer, string, number][] = [
      [Buffer.from('not an image at all'), 'unreadable_image', 400],
      [Buffer.alloc(0), 'unreadable_image', 400],
      [gif, 'unreadable_image', 400],
      [pngBombHeader(), 'image_too_large', 400],
    ];
    for (const [bytes, code, status] of cases) {
      const res = await uploadSelfie(s, token, bytes, 'selfie.jpg');
      expect(res.status, code).toBe(status);
      expect(res.body.error.code).toBe(code);
    }
    const big = Buffer.concat([readFileSync(fixture('selfies/obama.jpg')), Buffer.alloc(16 * 1024 * 1024)]);
    const tooBig = await uploadSelfie(s, token, big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('file_too_large');
    const wrongField = await fetch(`${s.attendeeUrl}/api/upload-selfie`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: formWith('photo', [{ name: 'a.jpg', bytes: readFileSync(fixture('selfies/obama.jpg')) }]),
    });
    expect(wrongField.status).toBe(400);
    const notMultipart = await s.api('POST', '/api/upload-selfie', { token, body: { file: 'x' } });
    expect(notMultipart.status).toBe(415);
    expect(await selfiesOf(token)).toEqual([]);
    const leftovers = readdirSync(join(s.dataDir, 'events', event.id, 'selfies')).filter((f) => f.endsWith('.partial'));
    expect(leftovers).toEqual([]);
  });
});

describe('accepted selfies', () => {
  it('stores a re-encoded JPEG of at most 600 px and 200 KB without metadata, and drops the upload', async () => {
    const token = await newAttendee('accepted');
    const withExif = await sharp(fixture('selfies/alex_lacamoire.jpg'))
      .resize(3000)
      .withMetadata({ exif: { IFD0: { Copyright: 'secret-gps-here' } } })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect((await uploadSelfie(s, token, withExif)).status).toBe(202);
    await waitForIdle(s);
    const [selfie] = await selfiesOf(token);
    expect(selfie.status).toBe('accepted');
    const dir = join(s.dataDir, 'events', event.id, 'selfies');
    expect(readdirSync(dir).filter((f) => f.startsWith(selfie.id))).toEqual([`${selfie.id}.jpg`]);
    const stored = join(dir, `${selfie.id}.jpg`);
    const meta = await sharp(stored).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(600);
    expect(meta.exif).toBeUndefined();
    expect(statSync(stored).size).toBeLessThanOrEqual(200 * 1024);
  });

  it('allows at most 3 selfies that count', async () => {
    const token = await newAttendee('three');
    const bytes = readFileSync(fixture('selfies/obama.jpg'));
    for (let i = 0; i < 3; i++) expect((await uploadSelfie(s, token, bytes)).status).toBe(202);
    const fourth = await uploadSelfie(s, token, bytes);
    expect(fourth.status).toBe(409);
    expect(fourth.body.error.code).toBe('too_many_selfies');
    await waitForIdle(s);
  });

  it('requires a session', async () => {
    const res = await fetch(`${s.attendeeUrl}/api/upload-selfie`, {
      method: 'POST',
      body: formWith('file', [{ name: 'a.jpg', bytes: readFileSync(fixture('selfies/obama.jpg')) }]),
    });
    expect(res.status).toBe(401);
  });
});
