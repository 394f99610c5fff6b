// The phone app and the browser's history, end to end on a 360 px phone (Debian's Chromium, the
// real server): Back and Forward walk the sign-up steps with what was typed, a reload keeps the
// fields but never the password, signing up leaves no way Back into the forms, the viewer is a
// history entry (Back closes the photo), "This isn't me" can be undone, a photo that cannot load
// says so, an attendee removed by the organiser sees it live, and an unknown address gets a page.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyPhotosResponse } from '../../server/contract/attendee.js';
import { launchBrowser, PHONE, screenshotPath } from '../helpers/browser.js';
import { fixture, fixtureFile, uploadPhotos, uploadSelfie, waitForIdle } from '../helpers/fixtures.js';
import { register, startTestServer, type TestServer } from '../helpers/test-server.js';

const T = { short: 10_000, job: 60_000 };

let s: TestServer;
let browser: Browser;
let event: { id: string; name: string; code: string };

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '1' } });
  event = await s.createEvent('Summer Party', 'SUMMER');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

async function phone(locale: string, token?: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ ...PHONE, locale, baseURL: s.attendeeUrl });
  if (token) await context.addCookies([{ name: 'findme_session', value: token, url: s.attendeeUrl }]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) problems.push(msg.text());
  });
  return { context, page, problems };
}

const shot = (page: Page, name: string) => page.screenshot({ path: screenshotPath(`attendee-${name}`) });
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor({ timeout: T.short });

const WORDS = {
  en: {
    join: 'Find your photos',
    register: 'Create your account',
    consent: 'Your face, your choice',
    create: 'Create my account',
    continue: 'Continue',
    name: 'Your name',
    username: 'Username',
    email: 'E-mail',
    password: 'Password',
    again: 'please type it again',
    agree: 'I agree that FindMe',
    hello: 'Hello, Ada',
    removed: 'The organiser removed your account',
    notFound: 'Page not found',
    start: 'Go to the start',
  },
  fr: {
    join: 'Retrouvez vos photos',
    register: 'Créez votre compte',
    consent: 'Votre visage, votre choix',
    create: 'Créer mon compte',
    continue: 'Continuer',
    name: 'Votre nom',
    username: 'Identifiant',
    email: 'E-mail',
    password: 'Mot de passe',
    again: 'tapez-le à nouveau',
    agree: 'J’accepte que FindMe',
    hello: 'Bonjour Ada',
    removed: 'L’organisateur a supprimé votre compte',
    notFound: 'Page introuvable',
    start: 'Aller au début',
  },
} as const;

async function checkMissingPhoto(page: Page) {
  await page.getByRole('button', { name: 'Open photo 1', exact: true }).click();
  await page.getByText('This photo cannot be shown right now.').waitFor({ timeout: T.short });
  await page.getByRole('dialog').getByRole('button', { name: 'Try again' }).waitFor({ timeout: T.short });
  expect(await page.getByRole('dialog').getByRole('img').count()).toBe(0); // no broken image
  await shot(page, 'photo-missing');
  await page.goBack();
  await page.getByRole('dialog').waitFor({ state: 'detached', timeout: T.short });
}

describe('the phone app and the browser history', () => {
  for (const [lang, locale] of [
    ['en', 'en-US'],
    ['fr', 'fr-FR'],
  ] as const) {
    it(`keeps the sign-up steps and what was typed through Back, Forward and a reload (${lang})`, async () => {
      const w = WORDS[lang];
      const username = `ada-${lang}`;
      const { context, page, problems } = await phone(locale);
      // Labels of optional fields end with "(optional)"; "Password" alone, not "Show the password".
      const field = (label: string) => page.getByLabel(label, { exact: label === w.password });

      await page.goto(`/e/${event.code}`);
      await h1(page, w.join);
      await page.getByRole('button', { name: w.create }).click();
      await h1(page, w.register);
      await field(w.name).fill('Ada');
      await field(w.username).fill(username);
      await field(w.email).fill(`${username}@example.org`);
      await field(w.password).fill('analytical engine');
      await page.getByRole('button', { name: w.continue }).click();
      await h1(page, w.consent);

      // Back: the details as typed, the password too (kept in memory, not in storage).
      await page.goBack();
      await h1(page, w.register);
      expect(await field(w.username).inputValue()).toBe(username);
      expect(await field(w.password).inputValue()).toBe('analytical engine');
      // Back again to the join screen, then Forward twice: the same steps, the same fields.
      await page.goBack();
      await h1(page, w.join);
      await page.goForward();
      await h1(page, w.register);
      expect(await field(w.name).inputValue()).toBe('Ada');
      expect(await field(w.email).inputValue()).toBe(`${username}@example.org`);
      expect(await field(w.password).inputValue()).toBe('analytical engine');
      await page.goForward();
      await h1(page, w.consent);
      const stored = await page.evaluate('JSON.stringify(sessionStorage)');
      expect(stored).toContain(username);
      expect(stored).not.toContain('analytical');

      // A reload on the consent step: back to the details, typed fields kept, the password asked again.
      await page.reload();
      await h1(page, w.register);
      expect(await field(w.name).inputValue()).toBe('Ada');
      expect(await field(w.username).inputValue()).toBe(username);
      expect(await field(w.email).inputValue()).toBe(`${username}@example.org`);
      expect(await field(w.password).inputValue()).toBe('');
      await page.getByText(w.again).waitFor({ timeout: T.short });
      await field(w.password).scrollIntoViewIfNeeded();
      await shot(page, `reload-kept-${lang}`);

      // Sign up; the home screen opens at its top, and Back / Forward never reopen the forms.
      await field(w.password).fill('analytical engine');
      await page.getByRole('button', { name: w.continue }).click();
      await h1(page, w.consent);
      await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
      await page.getByLabel(w.agree).check();
      await page.getByRole('button', { name: w.create }).click();
      await h1(page, w.hello);
      expect(await page.evaluate('window.scrollY')).toBe(0);
      expect(await page.evaluate('JSON.stringify(sessionStorage)')).not.toContain(username); // drafts gone
      await page.goForward();
      await h1(page, w.hello);
      await expect.poll(() => page.evaluate('history.state.step.name')).toBe('home');
      expect(await page.getByRole('heading', { level: 1, name: w.consent }).count()).toBe(0);

      expect(problems).toEqual([]);
      await context.close();
    }, 60_000);
  }

  it('closes the viewer with Back, reopens it with Forward and after a reload; undoes "This isn\'t me"; says when a photo cannot load', async () => {
    const auth = await register(s, { code: event.code, username: 'obama' });
    expect((await uploadSelfie(s, auth.token, readFileSync(fixture('selfies/obama.jpg')))).status).toBe(202);
    await waitForIdle(s);
    expect((await uploadPhotos(s, event.id, [fixtureFile('photos/obama1.jpg'), fixtureFile('photos/obama2.jpg')])).status).toBe(202);
    await waitForIdle(s);
    const photos = (await s.api<MyPhotosResponse>('GET', '/api/my-photos', { token: auth.token })).body.photos;
    expect(photos).toHaveLength(2);

    const { page, context, problems } = await phone('en-US', auth.token);
    await page.goto(`/e/${event.code}`);
    await h1(page, 'Hello, obama');
    const thumbs = page.getByRole('list', { name: 'Your photos' }).getByRole('listitem');
    await expect.poll(() => thumbs.count(), { timeout: T.short }).toBe(2);

    await page.getByRole('button', { name: 'Open photo 1', exact: true }).click();
    await page.getByRole('dialog', { name: 'Photo 1 of 2' }).waitFor({ timeout: T.short });
    await page.getByRole('button', { name: 'Next photo' }).click();
    await page.getByRole('dialog', { name: 'Photo 2 of 2' }).waitFor({ timeout: T.short });
    // Back closes the photo and stays in the app; Forward opens the same photo again.
    await page.goBack();
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: T.short });
    await h1(page, 'Hello, obama');
    await page.goForward();
    await page.getByRole('dialog', { name: 'Photo 2 of 2' }).waitFor({ timeout: T.short });
    await page.reload();
    await page.getByRole('dialog', { name: 'Photo 2 of 2' }).waitFor({ timeout: T.short });
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: T.short });
    expect(await page.evaluate('history.state.step.photo ?? null')).toBeNull();

    // "This isn't me", then Undo from the toast: the photo is back, here and on the server.
    await page.getByRole('button', { name: 'Open photo 1', exact: true }).click();
    await page.getByRole('button', { name: 'This isn’t me' }).click();
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await page.getByRole('dialog', { name: 'Photo 1 of 1' }).waitFor({ timeout: T.short });
    await page.getByText('Photo removed from your gallery.').waitFor({ timeout: T.short });
    await shot(page, 'undo-toast');
    expect(((await page.request.get('/api/my-photos').then((r) => r.json())) as MyPhotosResponse).photos).toHaveLength(1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('The photo is back in your gallery.').waitFor({ timeout: T.short });
    await page.getByRole('dialog', { name: 'Photo 1 of 2' }).waitFor({ timeout: T.short });
    expect(((await page.request.get('/api/my-photos').then((r) => r.json())) as MyPhotosResponse).photos.map((p) => p.id)).toEqual(photos.map((p) => p.id));
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => thumbs.count(), { timeout: T.short }).toBe(2);

    expect(problems).toEqual([]);
    await context.close();

    // A preview gone from the disk (on a phone that has not cached it): words and a retry, not a broken image.
    rmSync(join(s.dataDir, 'events', event.id, 'previews', `${photos[0]!.id}.jpg`));
    const other = await phone('en-US', auth.token);
    await other.page.goto(`/e/${event.code}`);
    await checkMissingPhoto(other.page);
    expect(other.problems).toEqual([]);
    await other.context.close();
  }, 120_000);

  for (const [lang, locale] of [
    ['en', 'en-US'],
    ['fr', 'fr-FR'],
  ] as const) {
    it(`shows the farewell at once when the organiser removes the attendee (${lang})`, async () => {
      const w = WORDS[lang];
      const auth = await register(s, { code: event.code, username: `removed-${lang}` });
      const { page, context, problems } = await phone(locale, auth.token);
      // The live stream's answer has arrived: the server holds it in its list of open streams.
      const streamOpen = page.waitForResponse((r) => r.url().endsWith('/api/stream') && r.status() === 200, { timeout: T.short });
      await page.goto(`/e/${event.code}`);
      await h1(page, lang === 'en' ? `Hello, removed-${lang}` : `Bonjour removed-${lang}`);
      await streamOpen;
      expect((await s.admin('DELETE', `/api/admin/events/${event.id}/attendees/${auth.attendee.id}`)).status).toBe(204);
      await h1(page, w.removed);
      await shot(page, `removed-${lang}`);
      await page.goBack(); // no way back into a gallery that is gone
      expect(await page.getByRole('heading', { level: 1, name: /Hello|Bonjour/ }).count()).toBe(0);
      expect(problems).toEqual([]);
      await context.close();
    }, 60_000);

    it(`answers an unknown address with a page that leads to the start (${lang})`, async () => {
      const w = WORDS[lang];
      const { page, context, problems } = await phone(locale);
      const res = await page.goto('/photos/old-link');
      expect(res?.status()).toBe(404);
      await h1(page, w.notFound);
      await shot(page, `not-found-${lang}`);
      await page.getByRole('link', { name: w.start }).click();
      await h1(page, w.join);
      expect(problems).toEqual([]);
      await context.close();
    }, 30_000);
  }
});
