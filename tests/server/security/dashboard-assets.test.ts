// The attendee listener serves the phone app's files only: the dashboard's own JavaScript and
// CSS (what an attacker would read to learn the admin API) are not found there, in any encoding.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { packageRoot } from '../../../server/util/app-paths.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const referenced = (html: string) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
const renderer = join(packageRoot(), 'dist', 'renderer');

it("does not serve the dashboard's own files on the attendee listener", async () => {
  const attendeeFiles = new Set(referenced(readFileSync(join(renderer, 'attendee', 'index.html'), 'utf8')));
  const dashboardOnly = referenced(readFileSync(join(renderer, 'dashboard', 'index.html'), 'utf8')).filter((f) => !attendeeFiles.has(f));
  expect(dashboardOnly.some((f) => f.endsWith('.js'))).toBe(true);
  for (const file of dashboardOnly) {
    for (const encoding of ['identity', 'br', 'gzip']) {
      const res = await fetch(s.attendeeUrl + file, { headers: { 'accept-encoding': encoding } });
      expect(res.status, `${file} (${encoding})`).toBe(404);
    }
    for (const suffix of ['.br', '.gz']) expect((await fetch(s.attendeeUrl + file + suffix)).status, file + suffix).toBe(404);
    const admin = await fetch(s.adminUrl + file);
    expect(admin.status, `${file} on the admin listener`).toBe(200);
  }
});

it('serves every file the phone app needs', async () => {
  const html = await (await fetch(`${s.attendeeUrl}/`)).text();
  const files = referenced(html);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) expect((await fetch(s.attendeeUrl + file)).status, file).toBe(200);
  // and the chunks those import
  const entry = files.find((f) => f.endsWith('.js'))!;
  const code = await (await fetch(s.attendeeUrl + entry)).text();
  for (const m of code.matchAll(/from"\.\/([\w.-]+\.js)"/g)) expect((await fetch(`${s.attendeeUrl}/assets/${m[1]}`)).status, m[1]).toBe(200);
});
