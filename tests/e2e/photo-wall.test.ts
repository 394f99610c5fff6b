// The live photo wall in Chromium: the operator turns the wall on in the dashboard, the wall
// page (1920 × 1080) shows the idle screen, then each photo the operator approves live, without
// a reload; a newer approval jumps the queue; hiding a photo, or its attendee saying "not me",
// takes it off; the blocked photo is greyed with its reason; turned off, the page says so.
// English and French (the browser's language). Screenshots: test-results/screenshots/wall-*.png
// and dashboard-wall*.png.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath, pageProblems } from '../helpers/browser.js';
import { fixture, fixtureFile, uploadPhotos, uploadSelfie, waitForIdle } from '../helpers/fixtures.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../helpers/test-server.js';
import { shownOn } from '../helpers/wall-page.js';

// A slide lasts 6 s and the wall polls every 3 s: a new approval is on screen within about 10 s.
const T = { short: 10_000, slide: 20_000, job: 60_000 };
const SCREEN = { viewport: { width: 1920, height: 1080 } };
let s: TestServer;
let browser: Browser;
let dash: Page;
let wall: Page;
let wallUrl: string;
let obamaToken: string;
const ids: Record<string, string> = {};

const { problems, watch } = pageProblems();
const card = (fileName: string) => dash.locator('li.wall-photo', { hasText: fileName });
const stateButton = (name: RegExp) => dash.getByRole('group', { name: 'Live photo wall' }).getByRole('button', { name });

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '1' } });
  const event = await s.createEvent('Summer gala', 'GALA01');
  const reg = await s.api('POST', '/api/register', {
    body: { code: event.code, username: 'obama', displayName: 'Barack Example', password: 'correct horse battery', consent: true },
  });
  obamaToken = reg.body.token;
  expect((await uploadSelfie(s, obamaToken, readFileSync(fixture('selfies/obama.jpg')))).status).toBe(202);
  await waitForIdle(s);
  for (const name of ['lin-manuel-miranda.png', 'alex_lacamoire1.jpg', 'obama1.jpg']) {
    expect((await uploadPhotos(s, event.id, [fixtureFile(`photos/${name}`)])).status).toBe(202);
  }
  await waitForIdle(s);
  for (const p of (await s.admin('GET', `/api/admin/events/${event.id}/photos`)).body.photos) ids[p.fileName] = p.id;

  browser = await launchBrowser();
  dash = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })).newPage();
  watch(dash);
  await dash.goto(`${s.adminUrl}/#token=${ADMIN_TOKEN}`);
  await dash.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: T.short });
  await dash.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Photo wall' }).click();
  wall = await (await browser.newContext({ ...SCREEN, locale: 'en-GB' })).newPage();
  watch(wall);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('the photo wall', () => {
  it('is off until the operator turns it on; then its address opens the idle screen', async () => {
    await dash.getByText('The wall is off').waitFor({ timeout: T.short });
    await dash.getByRole('checkbox').click(); // controlled: it turns on when the server says so
    const url = dash.getByTestId('wall-url');
    await url.waitFor({ timeout: T.short });
    wallUrl = (await url.textContent())!;
    expect(wallUrl).toMatch(new RegExp(`^${s.attendeeUrl}/wall/[A-Za-z0-9_-]{32}$`));
    expect(await dash.getByRole('link', { name: 'Open the wall' }).getAttribute('href')).toBe(wallUrl);
    await dash.getByRole('img', { name: 'QR code of the wall address' }).waitFor();

    await wall.goto(wallUrl);
    await wall.getByRole('heading', { name: 'Summer gala' }).waitFor({ timeout: T.short });
    await wall.getByText('Photos will appear here').waitFor();
    await wall.screenshot({ path: screenshotPath('wall-idle-en') });
  });

  it('lists the processed photos to review, and shows an approved one on the wall live', async () => {
    await expect.poll(() => dash.locator('li.wall-photo').count(), { timeout: T.short }).toBe(3);
    await stateButton(/To review \(3\)/).waitFor();
    await card('lin-manuel-miranda.png').getByRole('img').waitFor({ timeout: T.short });
    await dash.locator('section.wall-panel').screenshot({ path: screenshotPath('dashboard-wall') });

    await card('lin-manuel-miranda.png').getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => shownOn(wall), { timeout: T.slide }).toBe(ids['lin-manuel-miranda.png']);
    expect(await wall.getByText('Photos will appear here').count()).toBe(0);
    await wall.getByText('Summer gala').waitFor(); // the event's name in a corner
    await wall.screenshot({ path: screenshotPath('wall-photo-en') });
  });

  it('a newer approval jumps the queue; hiding it takes it off', async () => {
    await card('alex_lacamoire1.jpg').getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => shownOn(wall), { timeout: T.slide }).toBe(ids['alex_lacamoire1.jpg']);

    await stateButton(/On the wall \(2\)/).click();
    await card('alex_lacamoire1.jpg').getByRole('button', { name: 'Hide' }).click();
    await expect.poll(() => shownOn(wall), { timeout: T.short }).toBe(ids['lin-manuel-miranda.png']);
    await stateButton(/Hidden \(1\)/).waitFor({ timeout: T.short });
  });

  it('a photo its attendee says is not them leaves the wall, and shows greyed with the reason', async () => {
    await stateButton(/To review/).click();
    await card('obama1.jpg').getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => shownOn(wall), { timeout: T.slide }).toBe(ids['obama1.jpg']);
    expect((await s.api('POST', `/api/photo/${ids['obama1.jpg']}/not-me`, { token: obamaToken })).status).toBe(204);
    // Gone from the page at once: not shown while the next photo loads, nor fading out before the room.
    await expect.poll(() => wall.locator(`img[src*="${ids['obama1.jpg']}"]`).count(), { timeout: T.short }).toBe(0);
    await expect.poll(() => shownOn(wall), { timeout: T.short }).toBe(ids['lin-manuel-miranda.png']);
    expect(await wall.locator(`img[src*="${ids['obama1.jpg']}"]`).count()).toBe(0);

    await stateButton(/Blocked/).click();
    await card('obama1.jpg').getByText('An attendee said “this isn’t me”').waitFor({ timeout: T.short });
    expect(await card('obama1.jpg').getByRole('button').count()).toBe(0);
    await dash.locator('section.wall-panel').screenshot({ path: screenshotPath('dashboard-wall-blocked') });
    // The wall page never held a name or a file name.
    const text = await wall.content();
    for (const word of ['Barack', 'obama', 'lin-manuel', 'alex_lacamoire']) expect(text).not.toContain(word);
  });

  it('speaks French to a French browser', async () => {
    const fr = await (await browser.newContext({ ...SCREEN, locale: 'fr-FR' })).newPage();
    watch(fr);
    await fr.goto(wallUrl);
    await expect.poll(() => shownOn(fr), { timeout: T.short }).toBe(ids['lin-manuel-miranda.png']);
    await fr.screenshot({ path: screenshotPath('wall-photo-fr') });
    await stateButton(/On the wall/).click();
    await card('lin-manuel-miranda.png').getByRole('button', { name: 'Hide' }).click();
    await fr.getByText('Les photos apparaîtront ici').waitFor({ timeout: T.short });
    await wall.getByText('Photos will appear here').waitFor({ timeout: T.short });
    await fr.screenshot({ path: screenshotPath('wall-idle-fr') });
    expect(await fr.locator('html').getAttribute('lang')).toBe('fr');

    await dash.getByRole('button', { name: 'Language / Langue' }).click();
    await dash
      .getByRole('group', { name: 'Mur de photos en direct' })
      .getByRole('button', { name: /Masquées \(2\)/ })
      .click();
    await dash.getByRole('button', { name: 'Approuver' }).nth(1).waitFor({ timeout: T.short });
    await dash.locator('section.wall-panel').screenshot({ path: screenshotPath('dashboard-wall-fr') });
    await dash.getByRole('button', { name: 'Language / Langue' }).click();
    await fr.close();
  });

  it('turned off, the wall page says so and its address no longer works', async () => {
    await dash.getByRole('checkbox').click();
    await dash.getByText('The wall is off').waitFor({ timeout: T.short });
    await wall.getByRole('heading', { name: 'This photo wall is off' }).waitFor({ timeout: T.short });
    expect((await fetch(wallUrl.replace('/wall/', '/api/wall/'))).status).toBe(404);
    expect(problems).toEqual([]);
  });
});
