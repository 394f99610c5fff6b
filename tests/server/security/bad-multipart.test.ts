// Malformed multipart bodies (no boundary, a boundary that is not the one used, no closing
// boundary) are a 400 in the contract's shape on both upload routes, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let token: string;
let eventId: string;
beforeAll(async () => {
  s = await startTestServer();
  const event = await s.createEvent('Multipart', 'MULTIP');
  eventId = event.id;
  token = (await register(s, { code: event.code, username: 'multi' })).token;
});
afterAll(() => s.close());

const part = (boundary: string, field: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0 not really a jpeg\r\n`;

const cases = (field: string): [string, string, string][] => [
  ['no boundary', 'multipart/form-data', part('abc', field) + '--abc--\r\n'],
  ['empty boundary', 'multipart/form-data; boundary=', part('abc', field) + '--abc--\r\n'],
  ['wrong boundary', 'multipart/form-data; boundary=other', part('abc', field) + '--abc--\r\n'],
  ['no closing boundary', 'multipart/form-data; boundary=abc', part('abc', field)],
  ['cut in the headers', 'multipart/form-data; boundary=abc', `--abc\r\nContent-Disposition: form-da`],
  ['empty body', 'multipart/form-data; boundary=abc', ''],
  ['boundary of 300 characters', `multipart/form-data; boundary=${'b'.repeat(300)}`, part('b'.repeat(300), field) + `--${'b'.repeat(300)}--\r\n`],
];

describe.each([
  ['selfie upload', () => `${s.attendeeUrl}/api/upload-selfie`, () => token, 'file'],
  ['photo upload', () => `${s.adminUrl}/api/admin/events/${eventId}/photos`, () => ADMIN_TOKEN, 'files'],
])('%s', (_name, url, auth, field) => {
  it.each(cases(field))('%s: 400 with a code', async (label, contentType, body) => {
    const res = await fetch(url(), {
      method: 'POST',
      headers: { authorization: `Bearer ${auth()}`, 'content-type': contentType },
      body: Buffer.from(body, 'latin1'),
    });
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status, label).toBe(400);
    expect(json.error.code, label).toMatch(/^(invalid_request|file_required)$/);
    expect(json.error.message).not.toMatch(/\/|stack|at /);
  });
});
