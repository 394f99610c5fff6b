// The FTP panel in Debian's Chromium: the operator turns FTP on for the event, reads what to type
// into the camera, a camera (Python's ftplib) sends photos, and the panel shows the camera with
// its files and last error without a reload; the printable card shows the same values.
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../helpers/browser.js';
import { fixture } from '../helpers/fixtures.js';
import { camera } from '../helpers/ftp-camera.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../helpers/test-server.js';

let s: TestServer;
let browser: Browser;
let page: Page;
const scratch = mkdtempSync(join(tmpdir(), 'findme-ftp-e2e-'));

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '1', FINDME_FTP_PASSIVE_MIN: '41400', FINDME_FTP_PASSIVE_MAX: '41419' } });
  await s.createEvent('Gala 2026', 'GALA26');
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${s.adminUrl}/#token=${ADMIN_TOKEN}`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
  rmSync(scratch, { recursive: true, force: true });
});

it('turns FTP on, shows what to type into the camera, and follows the camera live', async () => {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Photos', exact: true }).click();
  const toggle = page.getByLabel('FTP is off');
  await toggle.waitFor({ timeout: 10_000 });
  await toggle.click();
  await page.getByText('FTP is on for this event').waitFor({ timeout: 10_000 });

  const value = async (label: string) => (await page.getByTestId(`ftp-${label}`).textContent()) ?? '';
  const access = { port: Number(await value('Port')), username: await value('User'), password: await value('Password') };
  expect(access.username).toBe('findme-gala26');
  expect(await value('Address')).toBe('127.0.0.1');

  const notAPhoto = join(scratch, 'notes.jpg');
  writeFileSync(notAPhoto, 'hello');
  const sent = await camera(access, [
    { do: 'stor', name: 'IMG_0001.JPG', file: fixture('photos/obama1.jpg') },
    { do: 'stor', name: 'notes.jpg', file: notAPhoto },
  ]);
  expect(sent.steps.map((x) => x.reply.slice(0, 3))).toEqual(['226', '553']);

  const row = page.getByTestId('ftp-camera');
  await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/127\.0\.0\.1.*not connected1010.*notes\.jpg: not a readable image\./);
  await page.locator('section.ftp').screenshot({ path: screenshotPath('dashboard-ftp') });
  // In French, the camera's last error is in French too (the camera's own English words in its tooltip).
  await page.getByRole('button', { name: 'Language / Langue' }).click();
  await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/notes\.jpg\u00a0: image illisible\./);
  expect(await row.locator('td.err').getAttribute('title')).toMatch(/^notes\.jpg not taken/);
  await page.getByRole('button', { name: 'Language / Langue' }).click();

  await page.emulateMedia({ media: 'print' });
  const card = page.locator('.ftp-card');
  expect(await card.isVisible()).toBe(true);
  expect(await card.textContent()).toContain(access.password);
  await page.screenshot({ path: screenshotPath('dashboard-ftp-card') });
  await page.emulateMedia({ media: 'screen' });
});
