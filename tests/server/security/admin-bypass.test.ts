// The admin token cannot be skipped: not by percent-encoding the path, not by an absolute-form
// request line, not by a Host header of another name (DNS rebinding), not through /api/docs.
// The token is taken in the query string only by the event stream, which prefers a one-use ticket.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let port: number;
beforeAll(async () => {
  s = await startTestServer();
  port = Number(new URL(s.adminUrl).port);
});
afterAll(() => s.close());

/** A request written byte for byte, so the request line and Host are exactly what an attacker sends. */
function rawRequest(lines: string[], body = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text }));
  });
}

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the admin token cannot be skipped', () => {
  it('refuses percent-encoded admin paths without the token', async () => {
    for (const path of ['/api/%61dmin/settings', '/api/%61dmin/events', '/%61pi/admin/system', '/api/admin%2Fevents', '/api/Admin/events']) {
      const res = await get(path);
      expect([401, 404], path).toContain(res.status);
      expect(res.body, path).not.toMatch(/bcryptRounds|"events"|"cpu"/);
    }
    const res = await get('/api/%61dmin/settings');
    expect(res.status).toBe(401);
  });

  it('refuses an absolute-form request line without the token', async () => {
    const res = await rawRequest([`GET http://x/api/admin/events HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close']);
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('"events"');
    const put = await rawRequest(
      [
        `PUT http://127.0.0.1:${port}/api/%61dmin/settings HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        'Content-Type: application/json',
        'Content-Length: 19',
        'Connection: close',
      ],
      '{"bcryptRounds":14}',
    );
    expect(put.status).not.toBe(200);
    expect(s.findme.settings.get().bcryptRounds).toBe(10);
  });

  it('serves /api/docs only with the token', async () => {
    expect((await get('/api/docs')).status).toBe(401);
    expect((await get('/api/%64ocs')).status).toBe(401);
    expect((await get('/api/docs', { authorization: `Bearer ${ADMIN_TOKEN}` })).status).toBe(200);
  });

  it('refuses the token in the query string except on the event stream', async () => {
    expect((await get(`/api/admin/events?token=${ADMIN_TOKEN}`)).status).toBe(401);
    expect((await get(`/api/admin/settings?token=${ADMIN_TOKEN}`)).status).toBe(401);
  });
});

describe('DNS rebinding', () => {
  it("refuses a Host header other than the admin listener's own address and port", async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `attacker.127.0.0.1.nip.io:${port}`]) {
      const res = await get('/api/admin/events', { host, authorization: `Bearer ${ADMIN_TOKEN}` });
      expect(res.status, host).toBe(421);
      expect(JSON.parse(res.body).error.code).toBe('wrong_host');
      expect((await get('/', { host })).status, host).toBe(421);
    }
    const noHost = await rawRequest(['GET /api/admin/events HTTP/1.0', `Authorization: Bearer ${ADMIN_TOKEN}`]);
    expect(noHost.status).toBe(421);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      expect((await get('/api/admin/events', { host, authorization: `Bearer ${ADMIN_TOKEN}` })).status, host).toBe(200);
    }
  });
});

describe('the event stream', () => {
  async function openStream(query: string): Promise<number> {
    const controller = new AbortController();
    const res = await fetch(`${s.adminUrl}/api/admin/stream?${query}`, { signal: controller.signal });
    controller.abort();
    return res.status;
  }

  it('opens with a ticket once, and with no ticket or a used one it refuses', async () => {
    const issued = await s.admin('POST', '/api/admin/stream-ticket');
    expect(issued.status).toBe(201);
    expect(issued.body.ticket).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(new Date(issued.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(await openStream(`ticket=${issued.body.ticket}`)).toBe(200);
    expect(await openStream(`ticket=${issued.body.ticket}`)).toBe(401);
    expect(await openStream('ticket=made-up-ticket-0123456789')).toBe(401);
    expect(await openStream('')).toBe(401);
    expect((await fetch(`${s.adminUrl}/api/admin/stream-ticket`, { method: 'POST' })).status).toBe(401);
  });

  it('still takes the token in the query string there, where a browser cannot send a header', async () => {
    expect(await openStream(`token=${ADMIN_TOKEN}`)).toBe(200);
    expect(await openStream('token=wrong-token-0123456789')).toBe(401);
  });
});
