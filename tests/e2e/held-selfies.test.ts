// One face, one account in Chromium: the dashboard's "Selfies to check" shows a held selfie next
// to the accepted one it resembles, live; the operator refuses one and accepts the next; the
// attendee's phone says it waits for the organiser, then shows the outcome without a reload.
// Screenshots: test-results/screenshots/dashboard-held-selfies.png, attendee-selfie-held.png.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, PHONE, screenshotPath, pageProblems } from '../helpers/browser.js';
import { fixture, uploadSelfie, waitForIdle } from '../helpers/fixtures.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../helpers/test-server.js';

const T = { short: 10_000, job: 60_000 };
let s: TestServer;
let browser: Browser;
let dash: Page;
let phone: Page;
let bobToken: string;

async function registerAs(code: string, username: string, displayName: string) {
  const res = await s.api('POST', '/api/register', { body: { code, username, displayName, password: 'correct horse battery', consent: true } });
  expect(res.status).toBe(201);
  return res.body.token as string;
}
const { problems, watch } = pageProblems();

beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '1' } });
  const event = await s.createEvent('Twins night', 'TWINS1');
  const aliceToken = await registerAs(event.code, 'alice', 'Alice First');
  expect((await uploadSelfie(s, aliceToken, readFileSync(fixture('selfies/obama.jpg')))).status).toBe(202);
  await waitForIdle(s);
  bobToken = await registerAs(event.code, 'bob', 'Bob Second');

  browser = await launchBrowser();
  dash = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  watch(dash);
  await dash.goto(`${s.adminUrl}/#token=${ADMIN_TOKEN}`);
  await dash.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: T.short });
  await dash
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /Attendees/ })
    .click();

  const phoneContext = await browser.newContext({ ...PHONE, locale: 'en-GB' });
  await phoneContext.addCookies([{ name: 'findme_session', value: bobToken, url: s.attendeeUrl }]);
  phone = await phoneContext.newPage();
  watch(phone);
  await phone.goto(`${s.attendeeUrl}/`);
  await phone.getByRole('heading', { name: 'Your selfie' }).waitFor({ timeout: T.short });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const section = () => dash.getByRole('region', { name: /Selfies to check/ });

describe('selfies to check', () => {
  it('shows a held selfie live, next to the one it resembles, and the phone says it waits', async () => {
    expect((await uploadSelfie(s, bobToken, readFileSync(fixture('photos/obama1.jpg')))).status).toBe(202);
    await section().waitFor({ timeout: T.job });
    const item = section().getByRole('listitem');
    await expect.poll(() => item.count()).toBe(1);
    await item.getByText('Bob Second').waitFor();
    await item.getByText('Alice First').waitFor();
    // Both selfies are drawn (fetched with the token, shown from object URLs).
    for (const name of ['Selfie of Bob Second', 'Selfie of Alice First']) {
      const img = item.getByRole('img', { name });
      await img.waitFor({ timeout: T.short });
      await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth), { timeout: T.short }).toBeGreaterThan(100);
    }
    const tabBadge = dash
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /Attendees/ })
      .locator('.badge');
    expect(await tabBadge.textContent()).toBe('1');
    await expect.poll(() => dash.locator('tr', { hasText: 'Bob Second' }).locator('.pill').textContent(), { timeout: T.short }).toBe('to check');
    await dash.screenshot({ path: screenshotPath('dashboard-held-selfies'), fullPage: true });

    await phone.getByText('Waiting for the organiser to check your selfie').waitFor({ timeout: T.job });
    await phone.getByText(/the organiser checks it by eye/).waitFor();
    expect(await phone.getByText('This selfie cannot be used').count()).toBe(0);
    await phone.getByText('Your photos appear here once the organiser has checked your selfie.').waitFor();
    expect(await phone.getByLabel(/Add another selfie|Retake/).count()).toBe(0);
    await phone.screenshot({ path: screenshotPath('attendee-selfie-held') });
  });

  it('"Same person — refuse": feedback, the section goes, the phone shows the reason', async () => {
    await section().getByRole('button', { name: 'Same person — refuse' }).click();
    await dash.getByText("Bob Second's selfie is refused").waitFor({ timeout: T.short });
    await section().waitFor({ state: 'detached', timeout: T.short });
    await phone.getByText('This face is already registered by another attendee', { exact: false }).waitFor({ timeout: T.short });
    await phone.getByLabel('Retake the selfie').waitFor({ state: 'attached', timeout: T.short });
  });

  it('"Different people — accept": a new held selfie appears live; accepted, the list says so', async () => {
    expect((await uploadSelfie(s, bobToken, readFileSync(fixture('photos/obama1.jpg')))).status).toBe(202);
    await section().waitFor({ timeout: T.job });
    await section().getByRole('button', { name: 'Different people — accept' }).click();
    await dash.getByText("Bob Second's selfie is accepted").waitFor({ timeout: T.short });
    await section().waitFor({ state: 'detached', timeout: T.short });
    await expect.poll(() => dash.locator('tr', { hasText: 'Bob Second' }).locator('.pill').textContent(), { timeout: T.short }).toBe('accepted');
    await phone.getByText('Selfie accepted').waitFor({ timeout: T.short });
    expect(problems).toEqual([]);
  });
});
