// The operator's Problems tab, live figures and French in Debian's Chromium against the real
// server: a text file, a GIF, an empty file, a broken photo and a real one dropped in; the refused
// files and the failed job listed together with plain reasons in English and French; Retry says
// what came of it; Dismiss; a closable error banner that stays on its tab; the Live page's match
// feed still there after a reload. Screenshots go to test-results/screenshots/.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProblemList } from '../../server/contract/problems.js';
import { launchBrowser, screenshotPath } from '../helpers/browser.js';
import { fixture, manifest, uploadPhotos, uploadSelfie, waitForIdle } from '../helpers/fixtures.js';
import { ADMIN_TOKEN, register, startTestServer, type TestServer } from '../helpers/test-server.js';

let s: TestServer;
let browser: Browser;
let page: Page;
let eventId: string;
const scratch = mkdtempSync(join(tmpdir(), 'findme-problems-e2e-'));
const file = (name: string, bytes: Buffer | string) => {
  writeFileSync(join(scratch, name), bytes);
  return join(scratch, name);
};
const photos = Object.entries(manifest.photos)
  .filter(([, v]) => v.faces.includes('obama'))
  .slice(0, 2)
  .map(([k]) => fixture(k));

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '2' } });
  eventId = (await s.createEvent('Gala 2026', 'GALA26')).id;
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })).newPage();
  await page.goto(`${s.adminUrl}/#token=${ADMIN_TOKEN}`);
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 10_000 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const tab = (name: string | RegExp) => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true });
const row = (name: string) => page.getByTestId('problem').filter({ hasText: name });

describe('the Problems tab', () => {
  it('lists refused files and the failed job together, with plain reasons and a badge', async () => {
    const gif = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c33' } })
      .gif()
      .toBuffer();
    await tab('Photos').click();
    await page
      .locator('input[type=file]')
      .setInputFiles([
        file('notes.txt', 'a shopping list, not a photo\n'),
        file('animated.gif', gif),
        file('empty.jpg', ''),
        file('broken.jpg', readFileSync(fixture('photos/obama1.jpg')).subarray(0, 40_000)),
        ...photos,
      ]);
    await page
      .getByRole('status')
      .filter({ hasText: /queued/ })
      .waitFor({ timeout: 30_000 });
    await waitForIdle(s);

    await expect.poll(() => page.getByTestId('problems-badge').textContent(), { timeout: 10_000 }).toBe('4');
    await tab(/Problems/).click();
    await expect.poll(() => page.getByTestId('problem').count(), { timeout: 10_000 }).toBe(4);
    await expect.poll(() => row('notes.txt').textContent()).toContain('Not a readable image');
    expect(await row('notes.txt').textContent()).toContain('Upload');
    expect(await row('animated.gif').textContent()).toContain('Not a JPEG, PNG or WebP photo');
    expect(await row('empty.jpg').textContent()).toContain('The file is empty.');
    const job = row('broken.jpg');
    expect(await job.getAttribute('data-kind')).toBe('job');
    expect(await job.textContent()).toContain('Not a readable image');
    // the technical words stay in the tooltip, not in the sentence
    expect(await job.locator('td[title]').getAttribute('title')).toBeTruthy();
    expect(await page.getByTestId('problem-counts').textContent()).toBe('3 refused files · 1 failed job');
    expect(await page.getByTestId('problem').first().textContent()).toContain('broken.jpg'); // newest first: it failed last
    await page.screenshot({ path: screenshotPath('dashboard-problems'), fullPage: true });
  });

  it('retries the failed job and says it failed again', async () => {
    let reloads = 0;
    const count = (r: Response) => void (r.url().includes('/problems') && reloads++);
    page.on('response', count);
    await row('broken.jpg').getByRole('button', { name: 'Retry' }).click();
    await row('broken.jpg').getByRole('status').filter({ hasText: 'Failed again' }).waitFor({ timeout: 30_000 });
    // the list was read again after the retry and after the failure: nothing more is on its way
    await expect.poll(() => reloads, { timeout: 10_000 }).toBe(2);
    page.off('response', count);
    await expect.poll(() => page.getByTestId('problem').count(), { timeout: 10_000 }).toBe(4); // still one row for it
  });

  it("retries all of this event's failed jobs, and no other event's", async () => {
    const other = await s.createEvent('Other party', 'OTHER1');
    await uploadPhotos(s, other.id, [{ name: 'cut.jpg', bytes: readFileSync(fixture('photos/obama2.jpg')).subarray(0, 30_000) }]);
    await waitForIdle(s);
    const otherJob = async () => (await s.admin<ProblemList>('GET', `/api/admin/events/${other.id}/problems`)).body.problems.find((p) => p.kind === 'job');
    const before = await otherJob();
    expect(before?.name).toBe('cut.jpg');

    await page.getByRole('button', { name: 'Retry all failed jobs' }).click();
    await row('broken.jpg').getByRole('status').filter({ hasText: 'Failed again' }).waitFor({ timeout: 30_000 });
    await waitForIdle(s);
    expect(await otherJob()).toEqual(before); // not run again: same attempts, same time
  });

  it('dismisses a refused file', async () => {
    await row('animated.gif').getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => row('animated.gif').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('problems-badge').textContent(), { timeout: 10_000 }).toBe('3');
  });

  it('shows an error in a banner that closes with ×, and that stays on its tab', async () => {
    const banner = page.getByRole('alert').filter({ hasText: /already dismissed/ });
    const dismissBehindItsBack = async () => {
      const list = (await s.admin<ProblemList>('GET', `/api/admin/events/${eventId}/problems`)).body;
      const empty = list.problems.find((p) => p.name === 'empty.jpg');
      if (empty) expect((await s.admin('DELETE', `/api/admin/refused-files/${empty.id}`)).status).toBe(204);
    };
    await dismissBehindItsBack();
    await row('empty.jpg').getByRole('button', { name: 'Dismiss' }).click();
    await banner.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: screenshotPath('dashboard-error-banner') });
    await banner.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => banner.count()).toBe(0);

    // the same error again, then another tab: the banner does not follow
    await expect.poll(() => row('empty.jpg').count(), { timeout: 10_000 }).toBe(0);
    await row('notes.txt').waitFor();
    const notes = (await s.admin<ProblemList>('GET', `/api/admin/events/${eventId}/problems`)).body.problems.find((p) => p.name === 'notes.txt')!;
    await s.admin('DELETE', `/api/admin/refused-files/${notes.id}`);
    await row('notes.txt').getByRole('button', { name: 'Dismiss' }).click();
    await banner.waitFor({ timeout: 10_000 });
    await tab('Live').click();
    await expect.poll(() => banner.count()).toBe(0);
  });

  it('speaks French, with its plurals and its spaces before colons', async () => {
    await page.getByRole('button', { name: 'Language / Langue' }).click();
    await tab(/Problèmes/).click();
    const list = await s.admin<ProblemList>('GET', `/api/admin/events/${eventId}/problems`);
    expect(list.body).toMatchObject({ refused: 0, failedJobs: 1 });
    await expect.poll(() => page.getByTestId('problem-counts').textContent(), { timeout: 10_000 }).toBe('0 fichier refusé · 1 tâche en échec');
    expect(await row('broken.jpg').textContent()).toContain('Image illisible');
    expect(await row('broken.jpg').textContent()).toContain('Photo');
    // a fresh refusal, in French
    await tab('Photos').click();
    await page.locator('input[type=file]').setInputFiles([file('liste.txt', 'du texte, pas une photo')]);
    await tab(/Problèmes/).click();
    await expect.poll(() => row('liste.txt').textContent(), { timeout: 10_000 }).toContain('Image illisible');
    expect(await row('liste.txt').textContent()).toContain('Envoi');
    expect(await page.getByTestId('problem-counts').textContent()).toBe('1 fichier refusé · 1 tâche en échec');
    expect(await page.locator('body').textContent()).not.toMatch(/[A-Za-zÀ-ÿ] [:;!?]/); // non-breaking spaces only
    await page.screenshot({ path: screenshotPath('dashboard-problems-fr'), fullPage: true });

    // an error from the server, in French too
    const liste = (await s.admin<ProblemList>('GET', `/api/admin/events/${eventId}/problems`)).body.problems.find((p) => p.name === 'liste.txt')!;
    expect((await s.admin('DELETE', `/api/admin/refused-files/${liste.id}`)).status).toBe(204);
    await row('liste.txt').getByRole('button', { name: 'Retirer' }).click();
    const banner = page.getByRole('alert').filter({ hasText: 'Introuvable (déjà supprimé\u00a0?).' });
    await banner.waitFor({ timeout: 10_000 });
    await banner.getByRole('button', { name: 'Fermer' }).click();
    await expect.poll(() => banner.count()).toBe(0);
  });
});

describe('the Live page', () => {
  it("shows the active event's figures, explains the workers, and keeps the match feed across a reload", async () => {
    const { token } = await register(s, { code: 'GALA26', username: 'obama' });
    expect((await uploadSelfie(s, token, readFileSync(fixture(manifest.selfies.obama!)))).status).toBe(202);
    await waitForIdle(s);
    await tab('En direct').click();
    await expect.poll(() => page.locator('.feed li').count(), { timeout: 10_000 }).toBe(photos.length);
    // the queue's figures come from their own request, which may answer after the feed's
    await expect.poll(() => page.getByTestId('count-done').textContent(), { timeout: 10_000 }).toBe(String(photos.length));
    expect(await page.getByTestId('eta').textContent()).toBe('—');
    await expect.poll(() => page.getByText(/Processus de traitement\u00a0: 0 occupé sur 2/).count(), { timeout: 10_000 }).toBe(1); // stats every 2 s
    await page.screenshot({ path: screenshotPath('dashboard-live-fr'), fullPage: true });

    await page.reload();
    await page.getByRole('status').filter({ hasText: 'En direct' }).waitFor({ timeout: 10_000 });
    await tab('En direct').click();
    await expect.poll(() => page.locator('.feed li').count(), { timeout: 10_000 }).toBe(photos.length);
    expect(await page.locator('.feed li').first().textContent()).toContain('obama');
    // the thumbnails are drawn (fetched with the token in a header)
    await expect
      .poll(() => page.locator('.feed img').evaluateAll((imgs) => imgs.filter((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0).length), {
        timeout: 10_000,
      })
      .toBe(photos.length);

    await page.getByRole('button', { name: 'Language / Langue' }).click();
    await page.getByText('Workers: 0 busy of 2').waitFor();
    const title = await page.getByText('Workers: 0 busy of 2').getAttribute('title');
    expect(title).toMatch(/stop after 2 idle minutes/);
    await page.screenshot({ path: screenshotPath('dashboard-live-en'), fullPage: true });
  });
});
