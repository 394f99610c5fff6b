// A forgotten password in Chromium, end to end, in English then in French: the operator makes a
// one-time code on the dashboard's Attendees page; the attendee's phone goes "I already have an
// account" → "Forgot your password?", types the code, their username or e-mail and a new
// password, and lands in their gallery. Screenshots: dashboard-reset-code(-fr).png,
// attendee-reset-password(-fr).png, attendee-reset-gallery.png.
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

const { problems, watch } = pageProblems();

async function newPhone(locale: string) {
  const page = await (await browser.newContext({ ...PHONE, locale })).newPage();
  watch(page);
  return page;
}

/** Opens the attendee's reset code dialog on the Attendees page and returns the code as shown (ABCD-EFGH). */
async function makeCodeOnDashboard(displayName: string, buttonName: string, dialogTitle: RegExp, shotName: string): Promise<string> {
  const row = dash.locator('tr', { hasText: displayName });
  await row.getByRole('button', { name: buttonName }).click();
  const dialog = dash.getByRole('dialog', { name: dialogTitle });
  await dialog.waitFor({ timeout: T.short });
  const value = dialog.locator('.reset-code-value');
  await value.waitFor({ timeout: T.short });
  const code = (await value.textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await dash.screenshot({ path: screenshotPath(shotName) });
  await dialog.getByRole('button').last().click(); // Close / Fermer
  await dialog.waitFor({ state: 'hidden', timeout: T.short });
  return code;
}

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '1' } });
  gala = await s.createEvent('Spring Gala', 'GALA26');
  const alice = await register(s, { code: gala.code, username: 'alice', email: 'alice@example.com', password: 'forgotten password' });
  expect((await uploadSelfie(s, alice.token, readFileSync(fixture('selfies/obama.jpg')))).status).toBe(202);
  await uploadPhotos(s, gala.id, [fixtureFile('photos/obama1.jpg')]);
  await s.api('POST', '/api/register', {
    body: { code: gala.code, username: 'bruno', displayName: 'Bruno', password: 'mot de passe perdu', consent: true },
  });
  await waitForIdle(s);

  browser = await launchBrowser();
  dash = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  watch(dash);
  await dash.goto(`${s.adminUrl}/#token=${ADMIN_TOKEN}`);
  await dash.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: T.short });
  await dash
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /Attendees/ })
    .click();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('forgotten password', () => {
  it('English: the operator makes a code, the phone uses it and lands in its gallery', async () => {
    const code = await makeCodeOnDashboard('alice', 'Reset password', /^Password reset code for alice$/, 'dashboard-reset-code');

    const phone = await newPhone('en-GB');
    await phone.goto(`${s.attendeeUrl}/e/${gala.code}`);
    await phone.getByText('Event: Spring Gala').waitFor({ timeout: T.short });
    await phone.getByRole('button', { name: 'I already have an account' }).click();
    await phone.getByLabel('Username or e-mail').fill('Alice@Example.com');
    await phone.getByRole('button', { name: 'Forgot your password?' }).click();
    await phone.getByRole('heading', { name: 'Choose a new password' }).waitFor({ timeout: T.short });
    // What was typed on the login screen is kept.
    expect(await phone.getByLabel('Username or e-mail').inputValue()).toBe('Alice@Example.com');

    // A wrong code first: the one answer for every failure, in words.
    await phone.getByLabel('Reset code').fill('AAAA-AAAA' === code ? 'BBBBBBBB' : 'aaaaaaaa');
    expect(await phone.getByLabel('Reset code').inputValue()).toMatch(/^[AB]{4}-[AB]{4}$/); // grouped as typed
    await phone.getByLabel('New password', { exact: true }).fill('my new password');
    await phone.getByRole('button', { name: 'Save my new password' }).click();
    await phone.getByRole('alert').getByText('This code does not work for this account', { exact: false }).waitFor({ timeout: T.short });

    await phone.getByLabel('Reset code').fill(code.replace('-', '').toLowerCase());
    expect(await phone.getByLabel('Reset code').inputValue()).toBe(code);
    await phone.screenshot({ path: screenshotPath('attendee-reset-password') });
    await phone.getByRole('button', { name: 'Save my new password' }).click();

    // Lands in the gallery, logged in, with the photo found before.
    await phone.getByRole('list', { name: 'Your photos' }).getByRole('listitem').first().waitFor({ timeout: T.short });
    await phone.getByText('Selfie accepted').waitFor({ timeout: T.short });
    await phone.screenshot({ path: screenshotPath('attendee-reset-gallery') });

    expect((await s.api('POST', '/api/login', { body: { identifier: 'alice', password: 'forgotten password' } })).status).toBe(401);
    expect((await s.api('POST', '/api/login', { body: { identifier: 'alice', password: 'my new password' } })).status).toBe(200);
    await phone.context().close();
  });

  it('French: the same journey in the other language', async () => {
    await dash.getByRole('button', { name: 'Language / Langue' }).click();
    await dash
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /Participants/ })
      .waitFor({ timeout: T.short });
    const code = await makeCodeOnDashboard('Bruno', 'Réinitialiser le mot de passe', /^Code de réinitialisation pour Bruno$/, 'dashboard-reset-code-fr');

    const phone = await newPhone('fr-FR');
    await phone.goto(`${s.attendeeUrl}/e/${gala.code}`);
    await phone.getByText('Spring Gala', { exact: false }).first().waitFor({ timeout: T.short });
    await phone.getByRole('button', { name: 'J’ai déjà un compte' }).click();
    await phone.getByRole('button', { name: 'Mot de passe oublié\u00a0?' }).click();
    await phone.getByRole('heading', { name: 'Choisir un nouveau mot de passe' }).waitFor({ timeout: T.short });
    await phone.getByLabel('Code de réinitialisation').fill(code);
    await phone.getByLabel('Identifiant ou e-mail').fill('bruno');
    await phone.getByLabel('Nouveau mot de passe', { exact: true }).fill('nouveau mot de passe');
    await phone.screenshot({ path: screenshotPath('attendee-reset-password-fr') });
    await phone.getByRole('button', { name: 'Enregistrer mon nouveau mot de passe' }).click();
    await phone.getByRole('heading', { name: 'Votre selfie' }).waitFor({ timeout: T.short });
    await phone.getByText('Bonjour Bruno', { exact: false }).first().waitFor({ timeout: T.short });

    // Used once: the same code again is refused, in French.
    await phone.context().clearCookies();
    await phone.goto(`${s.attendeeUrl}/e/${gala.code}`);
    await phone.getByRole('button', { name: 'J’ai déjà un compte' }).click();
    await phone.getByRole('button', { name: 'Mot de passe oublié\u00a0?' }).click();
    await phone.getByLabel('Code de réinitialisation').fill(code);
    await phone.getByLabel('Identifiant ou e-mail').fill('bruno');
    await phone.getByLabel('Nouveau mot de passe', { exact: true }).fill('encore un autre');
    await phone.getByRole('button', { name: 'Enregistrer mon nouveau mot de passe' }).click();
    await phone.getByRole('alert').getByText('Ce code ne fonctionne pas pour ce compte\u00a0:', { exact: false }).waitFor({ timeout: T.short });
    expect((await s.api('POST', '/api/login', { body: { identifier: 'bruno', password: 'nouveau mot de passe' } })).status).toBe(200);
    expect(problems).toEqual([]);
  });
});
