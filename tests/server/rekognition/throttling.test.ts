// With 30% of Rekognition's answers throttled (and a few 500s), every job still ends done, at
// its first attempt (the waits happen inside the job), once, with no duplicate match, and the
// galleries are exactly the manifest's.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixture, galleryFileNames, manifest, uploadPhotos, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { register } from '../../helpers/test-server.js';
import { duplicateMatches, jobSummary, startWithStandIn, type RekognitionEnv } from './harness.js';
import { distinctPhotos } from './photo-set.js';

let env: RekognitionEnv;
let event: { id: string; code: string };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  env = await startWithStandIn({ settings: { rekognitionConcurrency: 4 } });
  event = await env.s.createEvent('Throttled', 'THROT1');
  for (const name of manifest.attendees) tokens[name] = (await register(env.s, { code: event.code, username: name })).token;
}, 120_000);
afterAll(() => env?.close());

it('finishes every job once despite 30% throttled answers and 5% server errors', async () => {
  env.standin.setFaults({ throttleRate: 0.3, errorRate: 0.05 });
  for (const name of manifest.attendees) await uploadSelfie(env.s, tokens[name]!, readFileSync(fixture(manifest.selfies[name]!)));
  const photos = await distinctPhotos(30);
  expect((await uploadPhotos(env.s, event.id, photos)).status).toBe(202);
  await waitForIdle(env.s, 240_000);
  env.standin.setFaults({});

  expect(env.standin.stats.throttled).toBeGreaterThan(20); // the faults really happened
  expect(env.standin.stats.failed).toBeGreaterThan(0);
  expect(jobSummary(env.s)).toEqual([{ state: 'done', n: 35 }]);
  const attempts = env.s.findme.db.prepare('SELECT MAX(attempts) AS max FROM jobs').get() as { max: number };
  expect(attempts.max).toBe(1);
  expect(duplicateMatches(env.s)).toEqual([]);
  for (const name of manifest.attendees) {
    const expected = photos
      .filter((p) => p.faces.includes(name))
      .map((p) => p.name)
      .sort();
    expect(await galleryFileNames(env.s, event.id, tokens[name]!), name).toEqual(expected);
  }
  // No stray face in the collection: one per selfie, one per face found in the photos.
  const faceRows = env.s.findme.db.prepare('SELECT COUNT(*) AS n FROM photo_faces WHERE event_id = ?').get(event.id) as { n: number };
  expect(env.standin.state.inspect(`findme-${event.id}`)!.faces).toBe(faceRows.n + manifest.attendees.length);
}, 300_000);
