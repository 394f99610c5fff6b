// The operator dashboard in Debian's Chromium against the real headless server: create an
// event, see its QR code and URL, add photos through the file picker, watch the live counters
// reach done without reloading, see matches in the feed after a selfie arrives over the API,
// change the worker count, retry a failed job (Problems tab). Screenshots go to test-results/screenshots/.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../helpers/browser.js';
import { fixture, manifest, uploadSelfie, waitForIdle } from '../helpers/fixtures.js';
import { ADMIN_TOKEN, register, startTestServer, type TestServer } from '../helpers/test-server.js';

let s: TestServer;
let browser: Browser;
let page: Page;
const photoFiles = Object.keys(manifest.photos).slice(0, 8).map(fixture);
const scratch = mkdtempSync(join(tmpdir(), 'findme-dash-'));
const truncated = join(scratch, 'broken.jpg');

beforeAll(async () => {
  writeFileSync(truncated, readFileSync(fixture('photos/obama1.jpg')).subarray(0, 40_000));
  s = await startTestServer({ env: { FINDME_WORKERS: '2' } });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${s.adminUrl}/#token=${ADMIN_TOKEN}`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const tab = (name: string | RegExp) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name });

describe('dashboard', () => {
  it('keeps the token out of the address bar and is live', async () => {
    await expect.poll(() => page.url(), { timeout: 10_000 }).not.toContain('token=');
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 10_000 });
  });

  it('creates an event and shows its QR code and join URL', async () => {
    await page.getByLabel('Event name').fill('Gala 2026');
    await page.getByLabel('Code (optional)').fill('GALA26');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const qr = page.getByRole('img', { name: /QR code: http:\/\/127\.0\.0\.1:\d+\/e\/GALA26/ });
    await qr.waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByText(/\/e\/GALA26$/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('dashboard-events'), fullPage: true });
  });

  it('adds photos through the file picker and watches the counters reach done live', async () => {
    await tab('Photos').click();
    await page.locator('input[type=file]').setInputFiles([...photoFiles, truncated]);
    await page
      .getByRole('status')
      .filter({ hasText: /queued/ })
      .waitFor({ timeout: 30_000 });
    await tab('Live').click();
    await expect.poll(async () => page.getByTestId('count-done').textContent(), { timeout: 60_000 }).toBe(String(photoFiles.length));
    await expect.poll(async () => page.getByTestId('count-failed').textContent(), { timeout: 30_000 }).toBe('1');
    await tab('Photos').click();
    await expect.poll(() => page.locator('[data-status=done]').count(), { timeout: 10_000 }).toBe(photoFiles.length);
    // Every done photo's thumbnail is fetched with the token and shown (none left blank).
    const shown = () =>
      page.locator('[data-status=done] img').evaluateAll((imgs) => imgs.filter((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0).length);
    await expect.poll(shown, { timeout: 10_000 }).toBe(photoFiles.length);
    await page.screenshot({ path: screenshotPath('dashboard-photos'), fullPage: true });
    // The truncated file's failure reads as a plain reason; the technical words are its tooltip.
    const failure = page.locator('[data-status=failed] .err');
    expect(await failure.textContent()).toBe('Not a readable image (a text file, or a damaged or incomplete photo).');
    expect(await failure.getAttribute('title')).toMatch(/^unreadable_image: /);
  });

  it('shows matches in the live feed when an attendee sends a selfie', async () => {
    await tab('Live').click();
    const { token } = await register(s, { code: 'GALA26', username: 'obama' });
    expect((await uploadSelfie(s, token, readFileSync(fixture(manifest.selfies.obama!)))).status).toBe(202);
    await waitForIdle(s);
    const expected = Object.entries(manifest.photos).filter(([k, v]) => photoFiles.includes(fixture(k)) && v.faces.includes('obama')).length;
    expect(expected).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.feed li').count(), { timeout: 10_000 }).toBe(expected);
    await expect.poll(() => page.locator('.feed li').first().textContent(), { timeout: 10_000 }).toContain('obama');
    await page.screenshot({ path: screenshotPath('dashboard-live'), fullPage: true });
  });

  it('changes the worker count in place and the server applies it', async () => {
    const form = page.locator('form.inplace').first();
    await form.getByRole('spinbutton').fill('1');
    await form.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => s.findme.pool.size(), { timeout: 5000 }).toBe(1);
    expect(s.findme.settings.get().workers).toBe(1);
    await expect.poll(() => form.getByText(/Workers: \d busy of 1/).count(), { timeout: 10_000 }).toBe(1); // stats arrive every 2 s
  });

  it('lists the failed job with its reason and retries it', async () => {
    await tab(/Problems/).click();
    const row = page.locator('[data-testid=problem][data-kind=job]');
    await row.waitFor({ timeout: 10_000 });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/Not a readable image/);
    const reran = new Promise<void>((resolve) => {
      const off = s.findme.bus.on('job', (e) => {
        if (e.state === 'running' && e.kind === 'photo') {
          off();
          resolve();
        }
      });
    });
    await page.screenshot({ path: screenshotPath('dashboard-jobs'), fullPage: true });
    await row.getByRole('button', { name: 'Retry' }).click();
    await reran; // the server ran it again (and it fails again: the file is still truncated)
    await waitForIdle(s);
    await expect.poll(() => page.locator('[data-testid=problem][data-kind=job]').count(), { timeout: 10_000 }).toBe(1);
  });

  it('lists attendees with their selfie status, and shows the settings in French', async () => {
    await tab('Attendees').click();
    await page.getByRole('cell', { name: /obama/ }).first().waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByText('accepted').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('dashboard-attendees'), fullPage: true });
    await page.getByRole('button', { name: 'Language / Langue' }).click();
    await tab('Réglages').click();
    await page.getByLabel('Seuil de correspondance').waitFor({ timeout: 5000 });
    await page.screenshot({ path: screenshotPath('dashboard-settings-fr'), fullPage: true });
  });
});
