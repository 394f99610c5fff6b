// A photo's page in Chromium, with a real photo of two people through the real pipeline: the
// operator opens it from the grid (whole thumbnails), sees each face boxed and named, takes
// Biden's face away (his phone drops the photo live), gives it to Alex (Alex's phone gains it
// live), in English and French; Esc closes the page; deleting the photo (confirmed) drops it
// from the grid and from the phone live.
// Screenshots: test-results/screenshots/dashboard-photo-page{,-fr}.png, dashboard-photo-delete.png,
// dashboard-photos-whole.png, attendee-photo-given.png.
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, PHONE, screenshotPath, pageProblems } from '../helpers/browser.js';
import { fixture, fixtureFile, uploadPhotos, uploadSelfie, waitForIdle } from '../helpers/fixtures.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../helpers/test-server.js';

const T = { short: 10_000, job: 60_000 };
let s: TestServer;
let browser: Browser;
let dash: Page;
let eventId: string;
const phones: Record<string, Page> = {};
const people = [
  { username: 'obama', displayName: 'Barack Obama', selfie: 'selfies/obama.jpg' },
  { username: 'biden', displayName: 'Joe Biden', selfie: 'selfies/biden.jpg' },
  { username: 'alex', displayName: 'Alex Lacamoire', selfie: 'selfies/alex_lacamoire.jpg' },
];

/** What the browser side of evaluate() reads (the tests compile without the DOM's types). */
interface BrowserGlobals {
  getComputedStyle(el: unknown): { objectFit: string };
  document: { activeElement: { getAttribute(name: string): string | null } | null };
}

const { problems, watch } = pageProblems();
const naturalWidth = (img: Locator) => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth);
const phoneThumbs = (name: string) => phones[name]!.locator('[data-photo-id]');
const dialog = () => dash.getByRole('dialog');
const tab = (name: string) => dash.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name });

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '2' } });
  const event = await s.createEvent('Photo day', 'PHOTO1');
  eventId = event.id;
  browser = await launchBrowser();
  for (const p of people) {
    const res = await s.api('POST', '/api/register', {
      body: { code: event.code, username: p.username, displayName: p.displayName, password: 'correct horse battery', consent: true },
    });
    expect(res.status).toBe(201);
    expect((await uploadSelfie(s, res.body.token, readFileSync(fixture(p.selfie)))).status).toBe(202);
    if (p.username === 'obama') continue;
    const context = await browser.newContext({ ...PHONE, locale: 'en-GB' });
    await context.addCookies([{ name: 'findme_session', value: res.body.token as string, url: s.attendeeUrl }]);
    phones[p.username] = await context.newPage();
    watch(phones[p.username]!);
  }
  await waitForIdle(s);
  expect((await uploadPhotos(s, event.id, ['photos/two_people.jpg', 'photos/obama1.jpg'].map(fixtureFile))).status).toBe(202);
  await waitForIdle(s);
  for (const page of Object.values(phones)) {
    await page.goto(`${s.attendeeUrl}/`);
    await page.getByText('Selfie accepted').waitFor({ timeout: T.short });
  }

  dash = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })).newPage();
  watch(dash);
  await dash.goto(`${s.adminUrl}/#token=${ADMIN_TOKEN}`);
  await dash.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: T.short });
  await tab('Photos').click();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe("a photo's page", () => {
  it('shows whole photos in the grid and opens one with each face boxed and named', async () => {
    for (const name of ['two_people.jpg', 'obama1.jpg']) {
      const img = dash.getByRole('button', { name: `Open ${name}` }).getByRole('img', { name });
      await expect.poll(() => naturalWidth(img), { timeout: T.short }).toBeGreaterThan(100);
      expect(await img.evaluate((el) => (globalThis as unknown as BrowserGlobals).getComputedStyle(el).objectFit)).toBe('contain');
    }
    await dash.screenshot({ path: screenshotPath('dashboard-photos-whole') });
    expect(await phoneThumbs('biden').count()).toBe(1);

    await dash.getByRole('button', { name: 'Open two_people.jpg' }).click();
    await dialog().getByRole('heading', { name: 'two_people.jpg' }).waitFor({ timeout: T.short });
    await expect.poll(() => naturalWidth(dialog().getByRole('img', { name: 'two_people.jpg' })), { timeout: T.short }).toBeGreaterThan(400);
    const boxes = dialog().getByRole('button', { name: /^Face \d: / });
    expect((await boxes.allTextContents()).map((x) => x.replace(/^\d · /, '')).sort()).toEqual(['Barack Obama', 'Joe Biden']);
    // Each box sits inside the photo.
    const stage = (await dialog().locator('.face-stage').boundingBox())!;
    for (const box of await boxes.all()) {
      const b = (await box.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(stage.x - 1);
      expect(b.x + b.width).toBeLessThanOrEqual(stage.x + stage.width + 1);
      expect(b.width).toBeGreaterThan(20);
    }
  });

  it("takes Biden's face away: his phone drops the photo live", async () => {
    await dialog()
      .getByRole('button', { name: /^Face \d: Joe Biden$/ })
      .click();
    await dialog().getByRole('button', { name: 'Take away' }).click();
    await dialog()
      .getByText(/Face \d was taken away from Joe Biden\./)
      .waitFor({ timeout: T.short });
    expect(
      await dialog()
        .getByRole('button', { name: /^Face \d: No one$/ })
        .count(),
    ).toBe(1);
    await expect.poll(() => phoneThumbs('biden').count(), { timeout: T.short }).toBe(0);
  });

  it("gives the face to Alex, found by name: Alex's phone gains the photo live", async () => {
    expect(await phoneThumbs('alex').count()).toBe(0);
    await dialog().getByRole('searchbox', { name: 'Give to…' }).fill('lacam');
    await dialog()
      .getByRole('button', { name: /Alex Lacamoire @alex/ })
      .click();
    await dialog()
      .getByText(/Face \d is now Alex Lacamoire's\./)
      .waitFor({ timeout: T.short });
    await dialog()
      .getByRole('button', { name: /^Face \d: Alex Lacamoire$/ })
      .waitFor();
    await dialog().getByText('given by you').waitFor();
    await expect.poll(() => phoneThumbs('alex').count(), { timeout: T.short }).toBe(1);
    await dash.screenshot({ path: screenshotPath('dashboard-photo-page') });
    await phones.alex!.screenshot({ path: screenshotPath('attendee-photo-given') });
    expect(await phoneThumbs('biden').count()).toBe(0);
  });

  it('speaks French, closes with Esc and gives the focus back to the photo', async () => {
    await dash.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached', timeout: T.short });
    await expect
      .poll(() => dash.evaluate(() => (globalThis as unknown as BrowserGlobals).document.activeElement?.getAttribute('aria-label')))
      .toBe('Open two_people.jpg');
    await dash.getByRole('button', { name: 'Language / Langue' }).first().click();
    // Opened from the keyboard.
    await dash.getByRole('button', { name: 'Ouvrir two_people.jpg' }).focus();
    await dash.keyboard.press('Enter');
    await dialog()
      .getByRole('button', { name: /^Visage \d\s: Alex Lacamoire$/ })
      .waitFor({ timeout: T.short });
    await dialog()
      .getByRole('button', { name: /^Visage \d\s: Barack Obama$/ })
      .waitFor();
    await dialog().getByText('attribué par vous').waitFor();
    // French typography: a non-breaking space before the colon.
    expect(await dialog().locator('.face-box').first().getAttribute('aria-label')).toMatch(/^Visage \d\u00a0: /);
    await dialog().getByRole('button', { name: 'Supprimer la photo' }).waitFor();
    await dash.screenshot({ path: screenshotPath('dashboard-photo-page-fr') });
    await dash.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached', timeout: T.short });
    await dash.getByRole('button', { name: 'Language / Langue' }).first().click();
    await dash.getByRole('button', { name: 'Open two_people.jpg' }).waitFor();
  });

  it('deletes the photo after a confirmation: it leaves the grid and the phone live', async () => {
    await dash.getByRole('button', { name: 'Open two_people.jpg' }).click();
    await dialog().getByRole('button', { name: 'Delete photo' }).click();
    await dialog()
      .getByText(/Delete this photo for good\?/)
      .waitFor();
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    expect(
      await dialog()
        .getByText(/Delete this photo for good\?/)
        .count(),
    ).toBe(0);
    await dialog().getByRole('button', { name: 'Delete photo' }).click();
    await dash.screenshot({ path: screenshotPath('dashboard-photo-delete') });
    await dialog().getByRole('button', { name: 'Delete for good' }).click();
    await dialog().waitFor({ state: 'detached', timeout: T.short });
    await dash.getByText('two_people.jpg was deleted.').waitFor({ timeout: T.short });
    await expect.poll(() => dash.getByRole('button', { name: /^Open / }).count(), { timeout: T.short }).toBe(1);
    await expect.poll(() => phoneThumbs('alex').count(), { timeout: T.short }).toBe(0);
    const list = (await s.admin('GET', `/api/admin/events/${eventId}/photos`)).body.photos as { fileName: string }[];
    expect(list.map((p) => p.fileName)).toEqual(['obama1.jpg']);
    // The Live page's match feed (open since the start) forgets the deleted photo too.
    await tab('Live').click();
    const feed = dash.locator('ul.feed');
    await feed.getByText('obama1.jpg').first().waitFor({ timeout: T.short });
    expect(await feed.getByText('two_people.jpg').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
