// Each attendee has a budget of selfie checks per time window, and rejected selfies count: one
// attendee sending selfie after selfie cannot keep the workers (selfies go before photos) from
// everyone else. The budget is a setting, applied live.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixture, uploadSelfie, waitForIdle } from '../../helpers/fixtures.js';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_SELFIE_BUDGET: '3', FINDME_SELFIE_BUDGET_WINDOW_MINUTES: '60', FINDME_WORKERS: '1' } });
  await s.createEvent('Budget', 'BUDGET');
});
afterAll(() => s.close());

it('refuses selfies past the budget, rejected ones included, for that attendee only', async () => {
  const greedy = await register(s, { code: 'BUDGET', username: 'greedy' });
  const group = readFileSync(fixture('photos/two_people.jpg')); // two faces: rejected
  for (let i = 0; i < 3; i++) expect((await uploadSelfie(s, greedy.token, group)).status, `selfie ${i + 1}`).toBe(202);
  await waitForIdle(s);
  const mine = (await s.api('GET', '/api/me', { token: greedy.token })).body.selfies as { status: string; reason?: string }[];
  expect(mine.map((x) => x.reason)).toEqual(['several_faces', 'several_faces', 'several_faces']);

  const refused = await uploadSelfie(s, greedy.token, readFileSync(fixture('selfies/obama.jpg')));
  expect(refused.status).toBe(429);
  expect(refused.body.error.code).toBe('selfie_budget_exceeded');

  const other = await register(s, { code: 'BUDGET', username: 'patient' });
  expect((await uploadSelfie(s, other.token, readFileSync(fixture('selfies/biden.jpg')))).status).toBe(202);

  expect((await s.admin('PUT', '/api/admin/settings', { selfieBudget: 4 })).status).toBe(200);
  expect((await uploadSelfie(s, greedy.token, readFileSync(fixture('selfies/obama.jpg')))).status).toBe(202);
  expect((await uploadSelfie(s, greedy.token, readFileSync(fixture('selfies/obama.jpg')))).status).toBe(429);
  await waitForIdle(s);
});
