// Logs never contain passwords, session or admin tokens, descriptors or full e-mail addresses,
// even at the most verbose level and through errors.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixture, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let out = '';
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      out += String(chunk);
      cb();
    },
  });
  s = await startTestServer({ env: { FINDME_WORKERS: '1' }, logger: pino({ level: 'trace' }, sink) });
});
afterAll(() => s.close());

it('keeps secrets and personal data out of the log', async () => {
  await s.createEvent('Logs', 'LOGS01');
  const password = 'Sup3r-Secret-Pa55';
  const email = 'private.person@example.org';
  const reg = await s.api('POST', '/api/register', { body: { code: 'LOGS01', username: 'logged', email, password, consent: true } });
  expect(reg.status).toBe(201);
  const token = reg.body.token as string;
  await s.api('POST', '/api/login', { body: { identifier: email, password } });
  await s.api('POST', '/api/login', { body: { identifier: email, password: `${password}-wrong` } });
  await s.api('GET', '/api/me', { token });
  await uploadSelfie(s, token, readFileSync(fixture('selfies/obama.jpg')));
  await uploadSelfie(s, token, Buffer.from('not an image'));
  await waitForIdle(s);
  await s.api('POST', '/api/register', { raw: '{"broken', headers: { 'content-type': 'application/json' } });
  const descriptor = s.findme.db.prepare('SELECT descriptor FROM selfies WHERE descriptor IS NOT NULL').get() as { descriptor: Buffer };
  const firstValue = new Float32Array(descriptor.descriptor.buffer, descriptor.descriptor.byteOffset, 1)[0]!;

  expect(out.length).toBeGreaterThan(0); // the log did get lines
  for (const secret of [password, token, ADMIN_TOKEN, email, String(firstValue).slice(0, 8), descriptor.descriptor.toString('base64').slice(0, 16)]) {
    expect(out, secret).not.toContain(secret);
  }
});
