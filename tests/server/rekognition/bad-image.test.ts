// An image Rekognition refuses (here: smaller than its 80 px minimum) fails its job at the
// first attempt with Rekognition's reason; the other photos are not held up.
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixtureFile, uploadPhotos, waitForIdle } from '../../helpers/fixtures.js';
import { startWithStandIn, type RekognitionEnv } from './harness.js';

let env: RekognitionEnv;
beforeAll(async () => {
  env = await startWithStandIn();
}, 120_000);
afterAll(() => env?.close());

it('fails a refused image at once with a clear reason', async () => {
  const event = await env.s.createEvent('Bad image', 'BADIMG');
  const tiny = await sharp(fixtureFile('photos/obama1.jpg').bytes).resize(60, 60).jpeg().toBuffer();
  expect((await uploadPhotos(env.s, event.id, [{ name: 'tiny.jpg', bytes: tiny }, fixtureFile('photos/obama1.jpg')])).status).toBe(202);
  await waitForIdle(env.s);
  const photos = (await env.s.admin('GET', `/api/admin/events/${event.id}/photos`)).body.photos as { fileName: string; status: string; error?: string }[];
  expect(photos.find((p) => p.fileName === 'obama1.jpg')!.status).toBe('done');
  const bad = photos.find((p) => p.fileName === 'tiny.jpg')!;
  expect(bad.status).toBe('failed');
  expect(bad.error).toMatch(/^engine_refused: rekognition refused the request: IndexFaces: InvalidParameterException .*80 pixels/);
  const job = (await env.s.admin('GET', '/api/admin/jobs?state=failed')).body.jobs[0];
  expect(job).toMatchObject({ kind: 'photo', attempts: 1 });
  expect(job.error).toBe(bad.error);
});
