// The event's life in Chromium: rename it in place, close its registrations (the phone's join
// screen says so, logging in still works), and purge it from the dashboard after a confirmation
// that counts what will be erased and wants the event's code typed. English and French.
// Screenshots: dashboard-event-life.png, attendee-registration-closed(-fr).png, dashboard-purge(-fr).png.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, PHONE, screenshotPath, pageProblems } from '../helpers/browser.js';
import { fixture, fixtureFile, uploadPhotos, uploadSelfie, waitForIdle } from '../helpers/fixtures.js';
import { ADMIN_TOKEN, register, startTestServer, type TestServer } from '../helpers/test-server.js';

const T = { short: 10_000, job: 60_000 };
let s: TestServer;
let browser: Browser;
let dash: Page;
let gala: { id: string; code: string };
let expo: { id: string; code: string };

const { problems, watch } = pageProblems();
const eventList = () => dash.locator('.event-list');
const lifeSection = () => dash.getByRole('region', { name: /^(This event|Cet événement)$/ });

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '1' } });
  expo = await s.createEvent('Expo 2026', 'EXPO26');
  gala = await s.createEvent('Spring Gala', 'GALA26');
  const obama = await register(s, { code: gala.code, username: 'obama' });
  await register(s, { code: gala.code, username: 'guest' });
  expect((await uploadSelfie(s, obama.token, readFileSync(fixture('selfies/obama.jpg')))).status).toBe(202);
  await uploadPhotos(s, gala.id, [fixtureFile('photos/obama1.jpg'), fixtureFile('photos/obama2.jpg'), fixtureFile('photos/two_people.jpg')]);
  await waitForIdle(s);

  browser = await launchBrowser();
  dash = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  watch(dash);
  await dash.goto(`${s.adminUrl}/#token=${ADMIN_TOKEN}`);
  await dash.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: T.short });
  await dash.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Events' }).click();
  await eventList()
    .getByRole('button', { name: /Spring Gala/ })
    .click();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

async function phoneAt(locale: string, code: string) {
  const phone = await (await browser.newContext({ ...PHONE, locale })).newPage();
  watch(phone);
  await phone.goto(`${s.attendeeUrl}/e/${code}`);
  return phone;
}

describe("the event's life on the dashboard", () => {
  it('renames the event in place', async () => {
    const name = lifeSection().getByLabel('Event name');
    expect(await name.inputValue()).toBe('Spring Gala');
    await name.fill('Spring Gala 2026');
    await lifeSection().getByRole('button', { name: 'Rename' }).click();
    await lifeSection().getByRole('status').getByText('Saved.').waitFor({ timeout: T.short });
    await eventList().getByText('Spring Gala 2026').waitFor({ timeout: T.short });
    expect((await s.api('GET', `/api/check-event-code?code=${gala.code}`)).body.event.name).toBe('Spring Gala 2026');
  });

  it('closes registrations: the phone says so and offers to log in; logging in still works', async () => {
    const toggle = lifeSection().getByRole('switch', { name: 'Registrations open' });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click();
    await lifeSection().getByRole('switch', { name: 'Registrations closed' }).waitFor({ timeout: T.short });
    await eventList().getByText('registrations closed').waitFor({ timeout: T.short });
    await dash.screenshot({ path: screenshotPath('dashboard-event-life') });

    const phone = await phoneAt('en-GB', gala.code);
    await phone.getByText('Registrations are closed for Spring Gala 2026. If you already have an account, log in.').waitFor({ timeout: T.short });
    expect(await phone.getByRole('button', { name: 'Create my account' }).isDisabled()).toBe(true);
    await phone.screenshot({ path: screenshotPath('attendee-registration-closed') });
    await phone.getByRole('button', { name: 'I already have an account' }).click();
    await phone.getByLabel('Username or e-mail').fill('guest');
    await phone.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await phone.getByRole('button', { name: 'Log in' }).click();
    await phone.getByRole('heading', { name: 'Your selfie' }).waitFor({ timeout: T.short });
    await phone.context().close();

    const fr = await phoneAt('fr-FR', gala.code);
    await fr.getByText('Les inscriptions sont closes pour Spring Gala 2026. Si vous avez déjà un compte, connectez-vous.').waitFor({ timeout: T.short });
    await fr.screenshot({ path: screenshotPath('attendee-registration-closed-fr') });
    await fr.context().close();

    // Reopened: the phone may register again.
    await lifeSection().getByRole('switch', { name: 'Registrations closed' }).click();
    await lifeSection().getByRole('switch', { name: 'Registrations open' }).waitFor({ timeout: T.short });
    const again = await phoneAt('en-GB', gala.code);
    await again.getByText('Event: Spring Gala 2026').waitFor({ timeout: T.short });
    expect(await again.getByRole('button', { name: 'Create my account' }).isEnabled()).toBe(true);
    await again.context().close();
  });

  it('purges the event after a confirmation that counts what goes and wants the code typed', async () => {
    await lifeSection().getByRole('button', { name: 'Purge this event…' }).click();
    const dialog = dash.getByRole('dialog', { name: 'Purge “Spring Gala 2026”?' });
    await dialog.waitFor({ timeout: T.short });
    await dialog.getByText('2 attendees (accounts, names, e-mail addresses, passwords)').waitFor({ timeout: T.short });
    await dialog.getByText('1 selfie and their face data').waitFor();
    await dialog.getByText('3 photos (originals, previews, thumbnails)').waitFor();
    await dialog.getByText(/^\d+ faces found in the photos/).waitFor();
    await dialog.getByText('3 matches (who is in which photo)').waitFor(); // two_people.jpg has Obama too
    const purge = dialog.getByRole('button', { name: 'Purge for good' });
    expect(await purge.isDisabled()).toBe(true);
    await dialog.getByLabel(`Type the event code ${gala.code} to confirm`).fill('EXPO26'); // another event's code
    expect(await purge.isDisabled()).toBe(true);
    await dialog.getByLabel(`Type the event code ${gala.code} to confirm`).fill(gala.code.toLowerCase());
    expect(await purge.isEnabled()).toBe(true);
    await dash.screenshot({ path: screenshotPath('dashboard-purge') });
    // Cancel keeps everything.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: T.short });
    expect((await s.admin('GET', `/api/admin/events/${gala.id}/contents`)).body.photos).toBe(3);

    await lifeSection().getByRole('button', { name: 'Purge this event…' }).click();
    await dialog.getByLabel(`Type the event code ${gala.code} to confirm`).fill(gala.code);
    await dialog.getByRole('button', { name: 'Purge for good' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: T.short });
    await eventList().getByText('Spring Gala 2026').waitFor({ state: 'detached', timeout: T.short });
    expect((await s.admin('GET', `/api/admin/events/${gala.id}/contents`)).status).toBe(404);
    expect((await s.api('GET', `/api/check-event-code?code=${gala.code}`)).body.valid).toBe(false);
    // The other event is untouched and now the active one.
    await eventList().getByText('Expo 2026').waitFor();
    expect(await lifeSection().getByLabel('Event name').inputValue()).toBe('Expo 2026');
  });

  it('French: the same words, counted with French plurals', async () => {
    await register(s, { code: expo.code, username: 'solo' });
    await dash.getByRole('button', { name: 'Language / Langue' }).click();
    await lifeSection().getByRole('switch', { name: 'Inscriptions ouvertes' }).waitFor({ timeout: T.short });
    await dash.reload(); // the event list's counts are loaded again
    await lifeSection().getByRole('switch', { name: 'Inscriptions ouvertes' }).waitFor({ timeout: T.short });
    // Nothing asks for the purged event after a reload (it was the active one): its join card would have failed first.
    await dash
      .getByRole('heading', { name: /Expo 2026$/ })
      .first()
      .waitFor({ timeout: T.short });
    expect(await dash.getByRole('alert').count()).toBe(0);
    await lifeSection().getByRole('button', { name: 'Purger cet événement…' }).click();
    const dialog = dash.getByRole('dialog', { name: 'Purger «\u00a0Expo 2026\u00a0»\u00a0?' });
    await dialog.getByText('1 participant (comptes, noms, adresses e-mail, mots de passe)').waitFor({ timeout: T.short });
    await dialog.getByText('0 selfie et ses données de visage').waitFor();
    await dialog.getByText('0 photo (originaux, aperçus, miniatures)').waitFor();
    await dialog.getByLabel(`Saisissez le code de l’événement ${expo.code} pour confirmer`).fill(expo.code);
    await dash.screenshot({ path: screenshotPath('dashboard-purge-fr') });
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: T.short });
    expect((await s.admin('GET', `/api/admin/events/${expo.id}/contents`)).body.attendees).toBe(1);
    expect(problems).toEqual([]);
  });
});
