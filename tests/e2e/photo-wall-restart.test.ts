// The photo wall through a server crash: FindMe (the real CLI, in its own process) is killed
// while the wall page shows a photo; the page keeps the photo and says it is reconnecting; once
// FindMe is back on the same port, the page carries on by itself and shows a new approval live.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WallStatus } from '../../server/contract/wall.js';
import { launchBrowser } from '../helpers/browser.js';
import { kill9, startChildServer, type ChildServer } from '../helpers/child-server.js';
import { fixtureFile, uploadPhotos } from '../helpers/fixtures.js';
import { ADMIN_TOKEN, type TestServer } from '../helpers/test-server.js';
import { shownOn } from '../helpers/wall-page.js';

const T = { short: 10_000, slide: 20_000, job: 60_000 };
const dataDir = mkdtempSync(join(tmpdir(), 'findme-wall-restart-'));
let server: ChildServer;
let browser: Browser;
let wall: Page;
let eventId: string;
const ids: Record<string, string> = {};

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(server.adminUrl + path, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return (await res.json()) as T;
}
const photos = async () => (await admin<{ photos: { id: string; fileName: string; status: string }[] }>('GET', `/api/admin/events/${eventId}/photos`)).photos;

beforeAll(async () => {
  server = await startChildServer(dataDir, { FINDME_WORKERS: '1' });
  eventId = (await admin<{ event: { id: string } }>('POST', '/api/admin/events', { name: 'Night run', code: 'RUN001' })).event.id;
  const asTestServer = { adminUrl: server.adminUrl, adminToken: ADMIN_TOKEN } as TestServer;
  expect((await uploadPhotos(asTestServer, eventId, [fixtureFile('photos/lin-manuel-miranda.png'), fixtureFile('photos/alex_lacamoire1.jpg')])).status).toBe(
    202,
  );
  for (const started = Date.now(); (await photos()).some((p) => p.status !== 'done');) {
    if (Date.now() - started > T.job) throw new Error(`photos not processed: ${JSON.stringify(await photos())}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  for (const p of await photos()) ids[p.fileName] = p.id;
  browser = await launchBrowser();
  wall = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB' })).newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server?.process.exitCode === null) await kill9(server);
  rmSync(dataDir, { recursive: true, force: true });
});

it('keeps showing through a crash and carries on by itself once FindMe is back', async () => {
  const status = await admin<WallStatus>('PUT', `/api/admin/events/${eventId}/wall`, { enabled: true });
  await admin('PUT', `/api/admin/photos/${ids['lin-manuel-miranda.png']}/wall`, { approved: true });
  await wall.goto(status.urls[0]!);
  await expect.poll(() => shownOn(wall), { timeout: T.slide }).toBe(ids['lin-manuel-miranda.png']);

  await kill9(server);
  await wall.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor({ timeout: T.short });
  expect(await shownOn(wall)).toBe(ids['lin-manuel-miranda.png']);

  // The same ports again (the helper's URLs name the ports it picked, which the env overrides).
  const { attendeeUrl, adminUrl } = server;
  const env = { FINDME_WORKERS: '1', FINDME_PORT: new URL(attendeeUrl).port, FINDME_ADMIN_PORT: new URL(adminUrl).port };
  server = { ...(await startChildServer(dataDir, env)), attendeeUrl, adminUrl };
  await wall.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor({ state: 'detached', timeout: T.short });
  await admin('PUT', `/api/admin/photos/${ids['alex_lacamoire1.jpg']}/wall`, { approved: true });
  await expect.poll(() => shownOn(wall), { timeout: T.slide }).toBe(ids['alex_lacamoire1.jpg']);
  expect(new URL(wall.url()).pathname).toBe(new URL(status.urls[0]!).pathname); // never reloaded elsewhere
}, 120_000);
