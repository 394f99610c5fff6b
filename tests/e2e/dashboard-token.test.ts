// The dashboard opened without its key, or with an old one (a restart without
// FINDME_ADMIN_TOKEN makes a new one): it says so and how to open the right address, instead of
// an empty event list and an endless "Reconnecting…".
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../helpers/browser.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../helpers/test-server.js';

let s: TestServer;
let browser: Browser;

beforeAll(async () => {
  s = await startTestServer();
  await s.createEvent('Gala 2026', 'GALA26');
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

async function open(hash: string) {
  const page = await (await browser.newContext({ viewport: { width: 1100, height: 700 } })).newPage();
  await page.goto(`${s.adminUrl}/${hash}`);
  return page;
}

it('says the key is missing or old, and how to open the right address', async () => {
  for (const hash of ['', '#token=an-old-token-from-before-a-restart']) {
    const page = await open(hash);
    await page.getByRole('heading', { name: 'This dashboard needs its key' }).waitFor({ timeout: 10_000 });
    expect(await page.getByText(/#token=…/).count(), hash).toBe(1);
    expect(await page.getByText('Create an event to start.').count(), hash).toBe(0);
    expect(await page.getByText('Reconnecting…').count(), hash).toBe(0);
    if (hash) await page.screenshot({ path: screenshotPath('dashboard-no-token') });
    await page.context().close();
  }
});

it('opens as usual with the right key', async () => {
  const page = await open(`#token=${ADMIN_TOKEN}`);
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 10_000 });
  expect(await page.getByRole('heading', { name: 'This dashboard needs its key' }).count()).toBe(0);
  await page.context().close();
});
