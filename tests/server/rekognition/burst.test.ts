// A burst of 50 photos: Rekognition calls in flight never exceed rekognitionConcurrency (as
// counted by the stand-in), and a new value applies live, without a restart.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixture, manifest, uploadPhotos, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { register } from '../../helpers/test-server.js';
import { duplicateMatches, jobSummary, startWithStandIn, type RekognitionEnv } from './harness.js';
import { distinctPhotos } from './photo-set.js';

let env: RekognitionEnv;
let event: { id: string; code: string };
let photos: Awaited<ReturnType<typeof distinctPhotos>>;

beforeAll(async () => {
  // Every call takes 40 ms at the stand-in, so that calls overlap whenever FindMe lets them.
  env = await startWithStandIn({ latencyMs: 40, settings: { rekognitionConcurrency: 3 } });
  event = await env.s.createEvent('Burst', 'BURST1');
  for (const name of ['obama', 'biden']) {
    const { token } = await register(env.s, { code: event.code, username: name });
    await uploadSelfie(env.s, token, readFileSync(fixture(manifest.selfies[name]!)));
  }
  await waitForIdle(env.s);
  photos = await distinctPhotos(50);
}, 120_000);
afterAll(() => env?.close());

it('keeps calls in flight under the cap through a burst of 50 photos', async () => {
  env.standin.resetStats();
  expect((await uploadPhotos(env.s, event.id, photos.slice(0, 30))).status).toBe(202);
  let seenBusy = 0;
  const sampler = setInterval(() => {
    void env.s.admin('GET', '/api/admin/system').then((r) => {
      seenBusy = Math.max(seenBusy, r.body.engine.inFlight ?? 0);
    });
  }, 100);
  await waitForIdle(env.s, 180_000);
  clearInterval(sampler);
  expect(env.standin.stats.maxInFlight).toBeLessThanOrEqual(3);
  expect(env.standin.stats.maxInFlight).toBe(3); // the cap was reached: the test did test something
  expect(seenBusy).toBeGreaterThan(0); // the dashboard sees calls in flight
  expect(seenBusy).toBeLessThanOrEqual(3);

  // Lowered live: the next 20 photos go one call at a time.
  expect((await env.s.admin('PUT', '/api/admin/settings', { rekognitionConcurrency: 1 })).status).toBe(200);
  env.standin.resetStats();
  expect((await uploadPhotos(env.s, event.id, photos.slice(30))).status).toBe(202);
  await waitForIdle(env.s, 180_000);
  expect(env.standin.stats.maxInFlight).toBe(1);
  expect((await env.s.admin('GET', '/api/admin/system')).body.engine).toMatchObject({ name: 'rekognition', state: 'ok', cap: 1, inFlight: 0 });

  expect(jobSummary(env.s)).toEqual([{ state: 'done', n: 52 }]);
  expect(duplicateMatches(env.s)).toEqual([]);
  const withObama = photos.filter((p) => p.faces.includes('obama')).length;
  const obamaMatches = env.s.findme.db
    .prepare(`SELECT COUNT(*) AS n FROM matches m JOIN attendees a ON a.id = m.attendee_id WHERE a.username = 'obama'`)
    .get() as { n: number };
  expect(obamaMatches.n).toBe(withObama);
}, 400_000);
