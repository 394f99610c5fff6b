// Answers that Node's HTTP parser makes before any route runs (a malformed request line, headers
// too large) use the contract's error shape too, on both listeners.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

function raw(base: string, bytes: string): Promise<{ status: number; headers: string; body: string }> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (c: string) => {
      text += c;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return reject(new Error(`no HTTP answer: ${JSON.stringify(text)}`));
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), headers: text.slice(0, split), body: text.slice(split + 4) });
    });
  });
}

describe.each([
  ['attendee', () => s.attendeeUrl],
  ['admin', () => s.adminUrl],
])('%s listener', (_name, base) => {
  it('answers a malformed request 400 in the contract shape', async () => {
    for (const bytes of [
      'NOT A REQUEST\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n',
      'GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n',
    ]) {
      const res = await raw(base(), bytes);
      expect(res.status, bytes).toBe(400);
      expect(res.headers).toMatch(/content-type: application\/json/i);
      expect(JSON.parse(res.body)).toEqual({ error: { code: 'invalid_request', message: expect.any(String) } });
    }
  });

  it('answers headers that are too large 431 in the contract shape', async () => {
    const res = await raw(base(), `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'headers_too_large', message: expect.any(String) } });
  });
});
