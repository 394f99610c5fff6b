// While 50 logins hash passwords, the event loop stays free: check-event-code keeps answering
// from the cache and the measured event-loop delay never shows a bcrypt-sized block.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_RATE_LIMIT_LOGIN: '1000' } });
  await s.createEvent('Busy', 'BUSY01');
  await register(s, { code: 'BUSY01', username: 'loadtest', password: 'password-load' });
});
afterAll(() => s.close());

it('keeps the event loop unblocked while 50 logins run at once', async () => {
  await s.api('GET', '/api/check-event-code?code=BUSY01'); // warm the cache
  const before = s.findme.events.cache.stats();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();

  let done = false;
  const logins = Promise.all(Array.from({ length: 50 }, () =>
    s.api('POST', '/api/login', { body: { identifier: 'loadtest', password: 'password-load' } }))).finally(() => { done = true; });
  let checks = 0;
  while (!done) {
    const res = await s.api('GET', '/api/check-event-code?code=BUSY01');
    expect(res.body.valid).toBe(true);
    checks++;
  }
  const results = await logins;
  delay.disable();

  expect(results.every((r) => r.status === 200)).toBe(true);
  // 50 bcrypt compares at cost 10 take ~4 s of CPU; on the event loop each would block it ~80 ms.
  const maxBlockMs = delay.max / 1e6 - 5;
  expect(maxBlockMs).toBeLessThan(60);
  // the event-code lookups were answered throughout, from the cache
  expect(checks).toBeGreaterThan(10);
  const after = s.findme.events.cache.stats();
  expect(after.hits - before.hits).toBe(checks);
  expect(after.misses).toBe(before.misses);
});
