// One client cannot take every socket: connections are capped per address (others are still
// served), live streams per attendee, and a stream does not stay open forever. Clients come
// from several loopback addresses (127.0.0.2, .3, …: all of 127/8 is this host on Linux).
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let port: number;
beforeAll(async () => {
  s = await startTestServer({ streamMaxAgeMs: 1500 });
  port = Number(new URL(s.attendeeUrl).port);
  await s.createEvent('Sockets', 'SOCKET');
});
afterAll(() => s.close());

/** A GET from a given local address: its status, or 0 when the socket failed. */
function getFrom(localAddress: string, path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, localAddress, agent: false, timeout: 15_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** A live stream read in the background; `ended` turns true when the server ends it. */
async function openStream(token: string) {
  const res = await fetch(`${s.attendeeUrl}/api/stream`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const state = { ended: false, reader: res.body!.getReader() };
  void (async () => {
    for (;;) {
      const { done } = await state.reader.read().catch(() => ({ done: true }));
      if (done) break;
    }
    state.ended = true;
  })();
  return state;
}

describe('connections per address', () => {
  it('keeps at most connectionsPerAddress sockets of one address and serves every other client', async () => {
    const limit = s.findme.settings.get().connectionsPerAddress;
    expect(limit).toBe(256);
    const sockets: Socket[] = [];
    const refusals: Promise<string>[] = [];
    for (let i = 0; i < limit + 100; i++) {
      const sock = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.2' });
      sock.on('error', () => undefined);
      sock.write('GET /api/health-check HTTP/1.1\r\nHost: 127.0.0.1\r\n'); // slow loris: headers never end
      let text = '';
      refusals.push(
        new Promise((resolve) => {
          sock.on('data', (d: Buffer) => {
            text += d.toString();
          });
          sock.on('close', () => resolve(text));
        }),
      );
      sockets.push(sock);
    }
    try {
      // Every probe from another address is answered while the slow sockets wait.
      for (let i = 0; i < 60; i++) expect(await getFrom('127.0.0.3', '/api/check-event-code?code=SOCKET'), `probe ${i}`).toBe(200);
      // The sockets past the limit were answered 429 in the contract's shape and closed.
      const closed = await Promise.race([Promise.all(refusals.slice(limit)), new Promise<null>((r) => setTimeout(() => r(null), 20_000))]);
      expect(closed).not.toBeNull();
      for (const text of closed!) {
        expect(text).toMatch(/^HTTP\/1\.1 429/);
        expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).error.code).toBe('too_many_connections');
      }
      expect(sockets.slice(0, limit).every((sock) => !sock.destroyed)).toBe(true);
    } finally {
      sockets.forEach((sock) => sock.destroy());
    }
  });

  it('follows the setting live', async () => {
    await s.admin('PUT', '/api/admin/settings', { connectionsPerAddress: 8 });
    let refused = 0;
    const sockets = Array.from({ length: 12 }, () => {
      const sock = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.4' });
      sock.on('error', () => undefined);
      sock.on('end', () => refused++);
      sock.resume();
      return sock;
    });
    try {
      await expect.poll(() => refused, { timeout: 10_000 }).toBe(4);
    } finally {
      sockets.forEach((sock) => sock.destroy());
      await s.admin('PUT', '/api/admin/settings', { connectionsPerAddress: 256 });
    }
  });
});

describe('live streams', () => {
  it('keeps at most streamsPerAttendee streams per attendee (the newest) and room for the others', async () => {
    const greedy = await register(s, { code: 'SOCKET', username: 'greedy' });
    const other = await register(s, { code: 'SOCKET', username: 'other' });
    const perAttendee = s.findme.settings.get().streamsPerAttendee;
    expect(perAttendee).toBe(4);
    const streams: Awaited<ReturnType<typeof openStream>>[] = [];
    for (let i = 0; i < 12; i++) streams.push(await openStream(greedy.token));
    await expect.poll(() => streams.filter((x) => x.ended).length, { timeout: 10_000 }).toBe(12 - perAttendee);
    expect(streams.slice(-perAttendee).some((x) => x.ended)).toBe(false);
    const theirs = await openStream(other.token);
    expect(theirs.ended).toBe(false);
    for (const x of [...streams, theirs]) await x.reader.cancel().catch(() => undefined);
  });

  it('ends a stream after its time; the phone reconnects by itself', async () => {
    const { token } = await register(s, { code: 'SOCKET', username: 'patient' });
    const stream = await openStream(token);
    await expect.poll(() => stream.ended, { timeout: 20_000 }).toBe(true);
  });
});
