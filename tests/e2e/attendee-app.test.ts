// The attendee phone app end to end: Debian's Chromium with a 360 px touch phone against the real
// server (both listeners, real SQLite, real worker pool and face model, the shared fixtures).
// Locators go by role and label, which also proves the screen-reader names exist.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, PHONE, screenshotPath } from '../helpers/browser.js';
import { expectedFor, fixture, fixtureFile, manifest, uploadPhotos, waitForIdle } from '../helpers/fixtures.js';
import { swipe } from '../helpers/touch.js';
import { register, startTestServer, type TestServer } from '../helpers/test-server.js';

const T = { short: 10_000, job: 60_000 };
/** An <img> in the page (the tests' tsconfig has no DOM types). */
type Decodable = { decode(): Promise<void> };

let s: TestServer;
let browser: Browser;
let gala: { id: string; name: string; code: string };
const downloads = mkdtempSync(join(tmpdir(), 'findme-dl-'));

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '2' } });
  gala = await s.createEvent('Spring Gala', 'GALA26');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
  rmSync(downloads, { recursive: true, force: true });
});

/** A phone; console errors and CSP violations are collected (failed requests such as an expected 401 are not). */
async function phone(locale: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ ...PHONE, locale, acceptDownloads: true, baseURL: s.attendeeUrl });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) problems.push(msg.text());
  });
  return { context, page, problems };
}

async function shot(page: Page, name: string, fullPage = false) {
  if (fullPage) await page.evaluate('window.scrollTo(0, 0)'); // the sticky header stays on top of the picture
  await page.screenshot({ path: screenshotPath(`attendee-${name}`), fullPage });
}

/** The file names of the photos the grid shows, via the admin list (id → file name). */
async function gridFileNames(page: Page): Promise<string[]> {
  const ids = await page.locator('[data-photo-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-photo-id')));
  const all = (await s.admin('GET', `/api/admin/events/${gala.id}/photos`)).body.photos as { id: string; fileName: string }[];
  const names = new Map(all.map((p) => [p.id, p.fileName]));
  return ids.map((id) => names.get(id ?? '') ?? `?${id}`).sort();
}

/** Central-directory entries of a ZIP file. */
function zipEntryCount(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf('PK\x01\x02'); i >= 0; i = bytes.indexOf('PK\x01\x02', i + 4)) n++;
  return n;
}

describe('attendee phone app', () => {
  it('joins by the event URL, registers with consent, takes a selfie, sees exactly their photos live, and deletes the account', async () => {
    const { context, page, problems } = await phone('en-US');
    const grid = page.getByRole('list', { name: 'Your photos' });
    const thumbs = grid.getByRole('listitem');

    // Join: the QR code's URL fills in and checks the event.
    await page.goto(`${s.attendeeUrl}/e/${gala.code}`);
    await page.getByRole('heading', { level: 1, name: 'Find your photos' }).waitFor({ timeout: T.short });
    expect(await page.getByLabel('Event code').inputValue()).toBe(gala.code);
    await page.getByText(`Event: ${gala.name}`).waitFor({ timeout: T.short });
    await shot(page, 'join');
    await page.getByRole('button', { name: 'Create my account' }).click();

    // Register: availability checked as typed, password length live.
    await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor({ timeout: T.short });
    await page.getByLabel('Your name').fill('Barack');
    await page.getByLabel('Username').fill('barack');
    await page.getByText('This username is free.').waitFor({ timeout: T.short });
    await page.getByLabel('E-mail').fill('barack@example.org');
    await page.getByText('This e-mail is not used yet at this event.').waitFor({ timeout: T.short });
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByText('Still 3 characters to go.').waitFor({ timeout: T.short });
    await page.getByLabel('Password', { exact: true }).fill('yes we can 2008');
    await page.getByText('Long enough.').waitFor({ timeout: T.short });
    await shot(page, 'register', true);
    await page.getByRole('button', { name: 'Continue' }).click();

    // Consent, in plain words; no consent, no account.
    await page.getByRole('heading', { level: 1, name: 'Your face, your choice' }).waitFor({ timeout: T.short });
    for (const term of ['What we keep', 'Why', 'For how long', 'How to delete it']) {
      await page.getByText(term, { exact: true }).waitFor({ timeout: T.short });
    }
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByText('Please tick the box').waitFor({ timeout: T.short });
    expect((await s.admin('GET', `/api/admin/events/${gala.id}/attendees`)).body.attendees).toHaveLength(0);
    await page.getByLabel('I agree that FindMe processes my selfies').check();
    await shot(page, 'consent', true);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hello, Barack' }).waitFor({ timeout: T.short });
    await page.getByText('Take a selfie first').waitFor({ timeout: T.short });

    // A selfie with two people is rejected, with the reason in plain words and a retake button.
    await page.getByLabel('Take a selfie').setInputFiles(fixture('photos/two_people.jpg'));
    await page.getByText('This selfie cannot be used').waitFor({ timeout: T.job });
    await page.getByText('There is more than one face.').waitFor({ timeout: T.short });
    await shot(page, 'selfie-rejected', true);

    // The retake: held in "checking" while the job runner is paused, then accepted.
    await s.findme.scheduler.stop(0);
    await page.getByLabel('Retake the selfie').setInputFiles(fixture(manifest.selfies.obama!));
    await page.getByText('Checking your selfie…').waitFor({ timeout: T.short });
    await page.getByRole('img', { name: 'The selfie you sent' }).waitFor({ timeout: T.short });
    await shot(page, 'selfie-checking', true);
    s.findme.scheduler.start();
    await page.getByText('Selfie accepted').waitFor({ timeout: T.job });
    await page.getByText('No photos of you yet.').waitFor({ timeout: T.short });
    await page.getByLabel('Add another selfie to find more photos').waitFor({ state: 'attached', timeout: T.short });
    await shot(page, 'selfie-accepted', true);

    // Photos arrive (uploaded by the operator): the first fills the empty grid by itself ...
    const mine = expectedFor('obama');
    const photoFiles = Object.keys(manifest.photos);
    const first = photoFiles.find((p) => p.endsWith('/obama1.jpg'))!;
    expect((await uploadPhotos(s, gala.id, [fixtureFile(first)])).status).toBe(202);
    await expect.poll(() => thumbs.count(), { timeout: T.job }).toBe(1);

    // ... the rest are announced ("7 new photos") and shown on a tap, without reloading.
    expect((await uploadPhotos(s, gala.id, photoFiles.filter((p) => p !== first).map(fixtureFile))).status).toBe(202);
    await waitForIdle(s);
    const notice = page.getByRole('button', { name: `${mine.length - 1} new photos: show them` });
    await notice.waitFor({ timeout: T.short });
    expect(await thumbs.count()).toBe(1);
    await shot(page, 'gallery-new');
    await notice.click();
    await expect.poll(() => thumbs.count(), { timeout: T.short }).toBe(mine.length);
    expect(await gridFileNames(page)).toEqual(mine);
    await page.getByText(`${mine.length} photos`, { exact: true }).waitFor({ timeout: T.short });
    await page.locator('[data-photo-id] img').evaluateAll((imgs) => Promise.all(imgs.map((i) => (i as unknown as Decodable).decode().catch(() => undefined))));
    await shot(page, 'gallery', true);
    await page.setViewportSize({ width: 1280, height: 800 }); // the same page on a laptop
    await shot(page, 'desktop');
    await page.setViewportSize(PHONE.viewport!);

    // The viewer: open, swipe, download one original.
    await page.getByRole('button', { name: 'Open photo 1', exact: true }).click();
    const viewer = page.getByRole('dialog', { name: `Photo 1 of ${mine.length}` });
    await viewer.waitFor({ timeout: T.short });
    await viewer.getByRole('img', { name: `Photo 1 of ${mine.length}` }).evaluate((img) => (img as unknown as Decodable).decode());
    await shot(page, 'viewer');
    await swipe(context, page, { x: 300, y: 330 }, { x: 60, y: 340 });
    await page.getByRole('dialog', { name: `Photo 2 of ${mine.length}` }).waitFor({ timeout: T.short });
    await swipe(context, page, { x: 60, y: 330 }, { x: 300, y: 340 });
    await page.getByRole('dialog', { name: `Photo 1 of ${mine.length}` }).waitFor({ timeout: T.short });
    await page.getByRole('button', { name: 'Next photo' }).click();
    await page.getByRole('dialog', { name: `Photo 2 of ${mine.length}` }).waitFor({ timeout: T.short });
    const [one] = await Promise.all([page.waitForEvent('download', { timeout: T.short }), page.getByRole('link', { name: 'Download', exact: true }).click()]);
    expect(one.suggestedFilename()).toMatch(/^Spring-Gala-\d{4}-\d{2}-\d{2}-\d+\.(jpg|png)$/); // the event, the day, its number

    // "This isn't me", confirmed: the photo leaves the gallery for good.
    await page.getByRole('button', { name: 'This isn’t me' }).click();
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await page.getByRole('dialog', { name: `Photo 2 of ${mine.length - 1}` }).waitFor({ timeout: T.short });
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: T.short });
    await expect.poll(() => thumbs.count(), { timeout: T.short }).toBe(mine.length - 1);
    await page.getByText('Photo removed from your gallery.').waitFor({ timeout: T.short });
    const server = await page.request.get('/api/my-photos?limit=100');
    expect(((await server.json()) as { photos: unknown[] }).photos).toHaveLength(mine.length - 1);

    // Download all as one ZIP.
    const [zip] = await Promise.all([page.waitForEvent('download', { timeout: T.short }), page.getByRole('link', { name: 'Download all (ZIP)' }).click()]);
    const zipPath = join(downloads, zip.suggestedFilename());
    await zip.saveAs(zipPath);
    expect(zip.suggestedFilename()).toMatch(/^Spring-Gala-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(zipEntryCount(readFileSync(zipPath))).toBe(mine.length - 1);

    // French and English, switched by the visible toggle.
    await page.getByRole('button', { name: 'FR' }).click();
    await page.getByRole('heading', { level: 2, name: 'Vos photos' }).waitFor({ timeout: T.short });
    await page.getByRole('heading', { level: 1, name: 'Bonjour Barack' }).waitFor({ timeout: T.short });
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByRole('button', { name: 'Supprimer mon compte' }).waitFor({ timeout: T.short });
    await shot(page, 'french', true);
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('heading', { level: 2, name: 'Your photos' }).waitFor({ timeout: T.short });

    // Delete the account, after a confirmation step: that session is dead afterwards.
    const session = (await context.cookies()).find((c) => c.name === 'findme_session')?.value;
    expect(session).toBeTruthy();
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByRole('heading', { name: 'Delete your account and data?' }).waitFor({ timeout: T.short });
    await page.getByRole('button', { name: 'Yes, delete everything' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your data is deleted' }).waitFor({ timeout: T.short });
    expect((await s.api('GET', '/api/me', { token: session })).status).toBe(401);
    expect((await page.request.get('/api/me')).status()).toBe(401);
    expect((await s.admin('GET', `/api/admin/events/${gala.id}/attendees`)).body.attendees).toHaveLength(0);

    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it('speaks French on a French phone: live code check, taken username, log in with the choice of event', async () => {
    const other = await s.createEvent('Soirée des Anciens', 'ANCIENS');
    for (const ev of [gala, other]) await register(s, { code: ev.code, username: 'camille', password: 'mot de passe sûr' });
    const { context, page, problems } = await phone('fr-FR');

    await page.goto(`${s.attendeeUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Retrouvez vos photos' }).waitFor({ timeout: T.short });
    const code = page.getByLabel('Code de l’événement');
    await code.fill('NOPE99');
    await page.getByText('Aucun événement n’a ce code.').waitFor({ timeout: T.short });
    await code.fill(gala.code.toLowerCase());
    await page.getByText(`Événement : ${gala.name}`).waitFor({ timeout: T.short });
    expect(await code.inputValue()).toBe(gala.code);

    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Créez votre compte' }).waitFor({ timeout: T.short });
    await page.getByLabel('Identifiant').fill('Camille');
    await page.getByText('Cet identifiant est déjà pris à cet événement.').waitFor({ timeout: T.short });
    await page.getByRole('button', { name: 'Retour' }).click();

    await page.getByRole('button', { name: 'J’ai déjà un compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor({ timeout: T.short });
    await page.getByLabel('Identifiant ou e-mail').fill('camille');
    await page.getByLabel('Mot de passe', { exact: true }).fill('pas le bon');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Identifiant, e-mail ou mot de passe incorrect.').waitFor({ timeout: T.short });
    await page.getByLabel('Mot de passe', { exact: true }).fill('mot de passe sûr');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quel événement ?' }).waitFor({ timeout: T.short });
    expect(await page.getByRole('radio', { name: gala.name }).isChecked()).toBe(true); // the event they came for
    await page.getByRole('radio', { name: other.name }).check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bonjour camille' }).waitFor({ timeout: T.short });
    await page.getByText(other.name).first().waitFor({ timeout: T.short });
    const me = (await page.request.get('/api/me').then((r) => r.json())) as { attendee: { eventId: string } };
    expect(me.attendee.eventId).toBe(other.id);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vous êtes déconnecté' }).waitFor({ timeout: T.short });
    expect((await page.request.get('/api/me')).status()).toBe(401);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
