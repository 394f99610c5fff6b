// Slow-loris clients and an upload flood from one address do not starve anyone else.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formWith } from '../../helpers/fixtures.js';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '1', FINDME_RATE_LIMIT_SELFIE: '5' } });
  await s.createEvent('Slow', 'SLOW01');
});
afterAll(() => s.close());

/** A request that must be answered: a starved server would leave it hanging until the abort. */
const answered = async (path: string) => (await fetch(s.attendeeUrl + path, { signal: AbortSignal.timeout(10_000) })).status;

it('keeps answering while 300 clients trickle their headers one line a second', async () => {
  const { port } = new URL(s.attendeeUrl);
  const sockets: Socket[] = [];
  for (let i = 0; i < 300; i++) {
    // From ten addresses (127.0.0.2-11): one address alone may hold only connectionsPerAddress sockets.
    const sock = connect({ port: Number(port), host: '127.0.0.1', localAddress: `127.0.0.${2 + (i % 10)}` });
    sock.on('error', () => undefined);
    sock.write(`GET /api/health-check HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    sockets.push(sock);
  }
  const trickle = setInterval(() => sockets.forEach((sock) => sock.writable && sock.write('X-Slow: 1\r\n')), 1000);
  try {
    for (let i = 0; i < 20; i++) {
      expect(await answered('/api/check-event-code?code=SLOW01')).toBe(200);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(sockets.filter((sock) => !sock.destroyed).length).toBe(300); // they are still there, waiting
  } finally {
    clearInterval(trickle);
    sockets.forEach((sock) => sock.destroy());
  }
});

it('bounds an upload flood from one client and serves the others meanwhile', async () => {
  const { token } = await register(s, { code: 'SLOW01', username: 'flooder' });
  const big = Buffer.alloc(8 * 1024 * 1024, 1); // not an image: refused after upload
  const flood = Array.from({ length: 12 }, () =>
    fetch(`${s.attendeeUrl}/api/upload-selfie`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: formWith('file', [{ name: 'x.jpg', bytes: big }]),
    }).then((r) => r.status),
  );
  expect(await answered('/api/health-check')).toBe(200);
  const statuses = await Promise.all(flood);
  expect(statuses.filter((x) => x === 429).length).toBeGreaterThanOrEqual(7); // 5 a minute per client
  expect(statuses.every((x) => x === 400 || x === 429)).toBe(true);
});
