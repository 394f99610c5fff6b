// Rekognition out of reach: jobs wait (none fails), the system status says why, and they
// finish once it is back. Wrong keys read as `unauthorized` until fixed. An event switched
// back to the local engine during an outage gets its pending work done locally.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedFor, fixture, fixtureFile, galleryFileNames, manifest, uploadPhotos, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { register } from '../../helpers/test-server.js';
import { STANDIN_KEYS } from '../../helpers/rekognition-standin/standin.js';
import { startWithStandIn, type RekognitionEnv } from './harness.js';

let env: RekognitionEnv;
const engine = async () => (await env.s.admin('GET', '/api/admin/system')).body.engine as { name: string; state: string; lastError: string | null };
const counts = () => env.s.findme.queue.stats().queue;
const PHOTOS = ['photos/obama1.jpg', 'photos/obama_and_biden.jpg', 'photos/biden2.jpg', 'photos/lin-manuel-miranda.png'];

async function fillEvent(code: string) {
  const event = await env.s.createEvent(code, code);
  const tokens: Record<string, string> = {};
  for (const name of ['obama', 'biden']) {
    tokens[name] = (await register(env.s, { code, username: name })).token;
    expect((await uploadSelfie(env.s, tokens[name]!, readFileSync(fixture(manifest.selfies[name]!)))).status).toBe(202);
  }
  expect((await uploadPhotos(env.s, event.id, PHOTOS.map(fixtureFile))).status).toBe(202);
  return { event, tokens };
}
const expectedIn = (name: string) => expectedFor(name).filter((f) => PHOTOS.some((p) => p.endsWith(`/${f}`)));

beforeAll(async () => {
  env = await startWithStandIn();
}, 120_000);
afterAll(() => env?.close());

describe('no network', () => {
  it('keeps jobs waiting while the stand-in is down, says unreachable, and finishes after it is back', async () => {
    await env.standin.down();
    const { event, tokens } = await fillEvent('DOWN01');
    await expect.poll(async () => (await engine()).state, { timeout: 30_000, interval: 200 }).toBe('unreachable');
    expect((await engine()).lastError).toMatch(/ECONNREFUSED|connect/i);
    await new Promise((r) => setTimeout(r, 3000));
    expect(counts().failed).toBe(0);
    expect(counts().done).toBe(0);
    expect(counts().queued + counts().running).toBe(6);

    await env.standin.up();
    await waitForIdle(env.s, 120_000);
    expect(counts().failed).toBe(0);
    expect((await engine()).state).toBe('ok');
    for (const name of ['obama', 'biden']) expect(await galleryFileNames(env.s, event.id, tokens[name]!), name).toEqual(expectedIn(name));
  }, 180_000);
});

describe('wrong keys', () => {
  it('says unauthorized until the secret is fixed, then finishes', async () => {
    expect((await env.s.admin('PUT', '/api/admin/settings', { rekognitionSecretAccessKey: 'not-the-right-secret' })).status).toBe(200);
    const { event, tokens } = await fillEvent('KEYS01');
    await expect.poll(async () => (await engine()).state, { timeout: 30_000, interval: 200 }).toBe('unauthorized');
    expect((await engine()).lastError).toMatch(/InvalidSignatureException/);
    expect(env.standin.stats.refused).toBeGreaterThan(0); // the stand-in checked the signature
    expect(counts().failed).toBe(0);

    expect((await env.s.admin('PUT', '/api/admin/settings', { rekognitionSecretAccessKey: STANDIN_KEYS.secretAccessKey })).status).toBe(200);
    await waitForIdle(env.s, 120_000);
    expect(counts().failed).toBe(0);
    expect((await engine()).state).toBe('ok');
    for (const name of ['obama', 'biden']) expect(await galleryFileNames(env.s, event.id, tokens[name]!), name).toEqual(expectedIn(name));
  }, 180_000);
});

describe('back to the local engine', () => {
  it('processes locally what was waiting for Rekognition when the event is switched back', async () => {
    await env.standin.down();
    const { event, tokens } = await fillEvent('LOCAL1');
    await expect.poll(async () => (await engine()).state, { timeout: 30_000, interval: 200 }).toBe('unreachable');
    expect(counts().done).toBe(12); // the two events before

    expect((await env.s.admin('PUT', '/api/admin/settings', { eventFaceEngines: { [event.id]: 'local' } })).status).toBe(200);
    await waitForIdle(env.s, 120_000);
    expect(counts().failed).toBe(0);
    for (const name of ['obama', 'biden']) expect(await galleryFileNames(env.s, event.id, tokens[name]!), name).toEqual(expectedIn(name));
    const descriptors = env.s.findme.db.prepare('SELECT DISTINCT length(descriptor) AS len FROM photo_faces WHERE event_id = ?').all(event.id);
    expect(descriptors).toEqual([{ len: 512 }]); // 128 float32: found by the local model
    await env.standin.up();
  }, 180_000);
});
