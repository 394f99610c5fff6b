// The Rekognition secret access key is write-only: never in a settings response, never in the
// settings table, never in the log (at trace level, through throttling and refused keys);
// headless it sits in a 0600 file, and with a codec (Electron's safeStorage) only as ciphertext.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFileSecretStore, REKOGNITION_SECRET } from '../../../server/security/secret-store.js';
import { fixture, fixtureFile, manifest, uploadPhotos, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { STANDIN_KEYS } from '../../helpers/rekognition-standin/standin.js';
import { register } from '../../helpers/test-server.js';
import { startWithStandIn, type RekognitionEnv } from './harness.js';

let env: RekognitionEnv;
let log = '';
const WRONG = 'wrong/Secret+Key/zyxwvutsrqponmlkjihgfedcba98';

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      log += String(chunk);
      cb();
    },
  });
  env = await startWithStandIn({ logger: pino({ level: 'trace' }, sink) });
}, 120_000);
afterAll(() => env?.close());

it('never answers, stores in the settings table or logs the secret', async () => {
  const secret = STANDIN_KEYS.secretAccessKey;
  const get = await env.s.admin('GET', '/api/admin/settings');
  expect(get.status).toBe(200);
  expect(get.body).toMatchObject({ rekognitionSecretSet: true, rekognitionAccessKeyId: STANDIN_KEYS.accessKeyId });
  expect(JSON.stringify(get.body)).not.toContain(secret);
  expect(get.body).not.toHaveProperty('rekognitionSecretAccessKey');

  // The dashboard sends back what it read: accepted, the read-only flag ignored.
  const roundTrip = await env.s.admin('PUT', '/api/admin/settings', get.body);
  expect(roundTrip.status).toBe(200);
  expect(JSON.stringify(roundTrip.body)).not.toContain(secret);

  // Work through refused keys and throttling, so that errors get logged.
  const event = await env.s.createEvent('Secret', 'SECRET');
  const { token } = await register(env.s, { code: event.code, username: 'obama' });
  await env.s.admin('PUT', '/api/admin/settings', { rekognitionSecretAccessKey: WRONG });
  await uploadSelfie(env.s, token, readFileSync(fixture(manifest.selfies.obama!)));
  await expect.poll(async () => (await env.s.admin('GET', '/api/admin/system')).body.engine.state, { timeout: 30_000 }).toBe('unauthorized');
  env.standin.setFaults({ throttleRate: 0.3 });
  await env.s.admin('PUT', '/api/admin/settings', { rekognitionSecretAccessKey: secret });
  await uploadPhotos(env.s, event.id, ['photos/obama1.jpg', 'photos/two_people.jpg'].map(fixtureFile));
  await waitForIdle(env.s);
  env.standin.setFaults({});
  expect(env.s.findme.queue.stats().queue.failed).toBe(0);

  const rows = env.s.findme.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  expect(rows.map((r) => r.key)).toContain('rekognitionAccessKeyId');
  for (const r of rows) {
    expect(r.value).not.toContain(secret);
    expect(r.value).not.toContain(WRONG);
    expect(r.key).not.toMatch(/secret/i);
  }
  expect(log).toContain('rekognition'); // the log did speak of Rekognition
  expect(log).not.toContain(secret);
  expect(log).not.toContain(WRONG);

  // Headless: a file of its own, readable by this user only.
  const file = join(env.s.dataDir, 'secrets.json');
  expect(statSync(file).mode & 0o777).toBe(0o600);

  expect((await env.s.admin('PUT', '/api/admin/settings', { rekognitionSecretAccessKey: null })).body.rekognitionSecretSet).toBe(false);
  expect(readFileSync(file, 'utf8')).not.toContain(secret);
}, 180_000);

it('keeps only ciphertext on disk when given a codec, and reads it back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'findme-secrets-'));
  try {
    // Stands in for Electron's safeStorage.encryptString / decryptString.
    const codec = {
      encrypt: (plain: string) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
      decrypt: (stored: Buffer) => Buffer.from([...stored].map((b) => b ^ 0x5a)).toString(),
    };
    const file = join(dir, 'secrets.json');
    createFileSecretStore(file, codec).set(REKOGNITION_SECRET, 'a-very-secret-value');
    expect(readFileSync(file, 'utf8')).not.toContain('a-very-secret-value');
    expect(createFileSecretStore(file, codec).get(REKOGNITION_SECRET)).toBe('a-very-secret-value');
    // Without the codec (headless on a desktop app's data folder) the ciphertext is not usable.
    expect(createFileSecretStore(file).get(REKOGNITION_SECRET)).toBeNull();
    // A secret stored in plain text before (headless) is encrypted once a codec is given.
    const older = join(dir, 'older.json');
    createFileSecretStore(older).set(REKOGNITION_SECRET, 'typed-in-headless');
    expect(readFileSync(older, 'utf8')).toContain('typed-in-headless');
    expect(createFileSecretStore(older, codec).get(REKOGNITION_SECRET)).toBe('typed-in-headless');
    expect(readFileSync(older, 'utf8')).not.toContain('typed-in-headless');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
