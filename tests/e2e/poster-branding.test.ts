// The poster and the event's look in Debian's Chromium: on the dashboard the operator sets an
// accent colour, uploads a logo and enters the venue Wi-Fi (a bad password is refused in words);
// the A4 poster is printed in English and in French (one page, the Wi-Fi QR code of the escaped
// WIFI: text, the password in text, the event's QR code and URL); the phone's join screen and
// signed-in header wear the logo and colour, with black ink on a light accent.
import type { Browser, Locator, Page } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventBranding } from '../../server/contract/branding.js';
import { launchBrowser, PHONE, screenshotPath } from '../helpers/browser.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../helpers/test-server.js';

let s: TestServer;
let browser: Browser;
let page: Page;
let eventId: string;
const scratch = mkdtempSync(join(tmpdir(), 'findme-brand-e2e-'));
const logoFile = join(scratch, 'gala-logo.png');
const ACCENT = '#f59e0b'; // light amber: black ink on it
const WIFI_PASSWORD = 'confetti;2026';

/** A computed style of an element (the tests' type check has no DOM types: the page's are reached through globalThis). */
const style = (loc: Locator, prop: 'backgroundColor' | 'color') =>
  loc.evaluate((el, p) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(el)[p], prop);
/** The decoded width of an <img>, 0 until it has loaded. */
const naturalWidth = (loc: Locator) =>
  loc.evaluate((el) => {
    const img = el as unknown as { complete: boolean; naturalWidth: number };
    return img.complete ? img.naturalWidth : 0;
  });
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

beforeAll(async () => {
  // A wide 1200 × 400 logo with a transparent background: it must come back at 512 px wide.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="400">
    <circle cx="200" cy="200" r="170" fill="#1e3a8a"/><polygon points="200,70 238,160 335,160 257,215 287,310 200,250 113,310 143,215 65,160 162,160" fill="#fbbf24"/>
    <rect x="430" y="120" width="700" height="60" rx="30" fill="#1e3a8a"/><rect x="430" y="230" width="480" height="50" rx="25" fill="#b45309"/></svg>`;
  writeFileSync(logoFile, await sharp(Buffer.from(svg)).png().toBuffer());
  s = await startTestServer({ env: { FINDME_WORKERS: '1' } });
  eventId = (await s.createEvent('Gala 2026', 'GALA26')).id;
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${s.adminUrl}/#token=${ADMIN_TOKEN}`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
  rmSync(scratch, { recursive: true, force: true });
});

it('sets the colour, the logo and the Wi-Fi on the dashboard, refusing a short WPA password in words', async () => {
  const card = page.locator('section.branding');
  await card.getByRole('heading', { name: 'Poster and look' }).waitFor({ timeout: 10_000 });
  await card.getByLabel('Accent colour').fill(ACCENT);
  await card.locator('input[type=file]').setInputFiles(logoFile);
  await card.getByRole('img', { name: 'The event’s logo' }).waitFor({ timeout: 10_000 });

  await card.getByLabel('Network name (SSID)').fill('Gala Guests');
  await card.getByLabel('Security').selectOption('WPA');
  await card.getByRole('textbox', { name: 'Password' }).fill('short');
  await card.getByRole('button', { name: 'Save' }).click();
  await card.getByRole('alert').filter({ hasText: 'A WPA password is 8 to 63 characters' }).waitFor({ timeout: 10_000 });

  await card.getByRole('textbox', { name: 'Password' }).fill(WIFI_PASSWORD);
  await card.getByRole('button', { name: 'Save' }).click();
  await card.getByRole('status').filter({ hasText: 'Saved.' }).waitFor({ timeout: 10_000 });
  await card.screenshot({ path: screenshotPath('dashboard-branding') });

  const saved = (await s.admin<EventBranding>('GET', `/api/admin/events/${eventId}/branding`)).body;
  expect(saved).toMatchObject({ accentColor: ACCENT, hasLogo: true, wifi: { ssid: 'Gala Guests', password: WIFI_PASSWORD, security: 'WPA', hidden: false } });
  expect(saved.colors?.onAccent).toBe('#000000');
  expect(saved.wifiQrText).toBe('WIFI:T:WPA;S:Gala Guests;P:confetti\\;2026;;');
});

it('prints the A4 poster in English and in French: one page, both QR codes, the Wi-Fi password in text', async () => {
  const saved = (await s.admin<EventBranding>('GET', `/api/admin/events/${eventId}/branding`)).body;
  const poster = page.getByTestId('join-poster');
  // The poster's Wi-Fi QR code is the image of exactly the escaped WIFI: text (no QR decoder is installed).
  expect(await page.getByTestId('poster-wifi-qr').getAttribute('src')).toBe(saved.wifiQrSvgDataUrl);
  const expectedSvg = await QRCode.toString(saved.wifiQrText!, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  expect(Buffer.from(saved.wifiQrSvgDataUrl!.split(',')[1]!, 'base64').toString()).toBe(expectedSvg);

  expect(await poster.isVisible()).toBe(false); // on screen, only in print
  await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
  await page.emulateMedia({ media: 'print' });
  expect(await poster.isVisible()).toBe(true);
  const text = (await poster.textContent()) ?? '';
  for (const words of ['Gala 2026', 'Join the Wi-Fi', 'Gala Guests', `Password: ${WIFI_PASSWORD}`, 'Scan to find your photos', '/e/GALA26', 'GALA26'])
    expect(text).toContain(words);
  expect(await style(poster.locator('.join-poster-head'), 'backgroundColor')).toBe(rgb(ACCENT));
  expect(await style(poster.locator('h1'), 'color')).toBe('rgb(0, 0, 0)');
  expect(await naturalWidth(poster.locator('.join-poster-logo'))).toBe(512);
  await poster.screenshot({ path: screenshotPath('poster-en') });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);

  await page.emulateMedia({ media: 'screen' });
  await page.getByLabel('Poster language').selectOption('fr');
  await page.emulateMedia({ media: 'print' });
  const fr = (await poster.textContent()) ?? '';
  for (const words of ['Connectez-vous au Wi-Fi', `Mot de passe\u00a0: ${WIFI_PASSWORD}`, 'Scannez pour retrouver vos photos', 'Code de l’événement'])
    expect(fr).toContain(words);
  expect(await poster.getAttribute('lang')).toBe('fr');
  await poster.screenshot({ path: screenshotPath('poster-fr') });
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1280, height: 900 });
});

it('shows the form in French and keeps the poster language apart from the dashboard language', async () => {
  await page.getByLabel('Poster language').selectOption('en');
  await page.getByRole('button', { name: 'Language / Langue' }).click();
  const card = page.locator('section.branding');
  await card.getByRole('heading', { name: 'Affiche et apparence' }).waitFor({ timeout: 10_000 });
  expect(await card.getByRole('textbox', { name: 'Mot de passe' }).inputValue()).toBe(WIFI_PASSWORD);
  await card.getByRole('status').filter({ hasText: 'Enregistré.' }).waitFor({ timeout: 10_000 });
  expect(await card.getByLabel('Langue de l’affiche').inputValue()).toBe('en');
  expect(await page.getByTestId('join-poster').getAttribute('lang')).toBe('en');
  await card.screenshot({ path: screenshotPath('dashboard-branding-fr') });
  await page.getByRole('button', { name: 'Language / Langue' }).click();
});

it('brands the phone: logo and colour on the join screen, and in the header once signed in', async () => {
  const phone = await browser.newContext(PHONE);
  const p = await phone.newPage();
  await p.goto(`${s.attendeeUrl}/e/GALA26`);
  const logo = p.getByRole('img', { name: 'The event’s logo' });
  await logo.waitFor({ timeout: 10_000 });
  expect(await naturalWidth(logo)).toBeGreaterThan(0);
  const header = p.locator('header.app-header');
  expect(await style(header, 'backgroundColor')).toBe(rgb(ACCENT));
  expect(await style(header.locator('.brand-name'), 'color')).toBe('rgb(0, 0, 0)');
  // Buttons use the accent's strong shade (white text on it reaches 4.5:1), not FindMe's indigo.
  const strong = (await s.admin<EventBranding>('GET', `/api/admin/events/${eventId}/branding`)).body.colors!.strong;
  expect(await style(p.locator('.btn.primary').first(), 'backgroundColor')).toBe(rgb(strong));
  await p.screenshot({ path: screenshotPath('attendee-join-branded') });
  await p.getByRole('button', { name: 'FR' }).click();
  await p.getByRole('img', { name: 'Logo de l’événement' }).waitFor({ timeout: 10_000 });
  await p.screenshot({ path: screenshotPath('attendee-join-branded-fr') });

  // Signed in and opened at / (no code in the address): /api/me brings the look.
  const reg = await phone.request.post(`${s.attendeeUrl}/api/register`, {
    data: { code: 'GALA26', username: 'brand-fan', password: 'correct horse battery', consent: true },
  });
  expect(reg.status()).toBe(201);
  await p.goto(`${s.attendeeUrl}/`);
  await p.getByRole('img', { name: 'Logo de l’événement' }).waitFor({ timeout: 10_000 });
  expect(await style(p.locator('header.app-header'), 'backgroundColor')).toBe(rgb(ACCENT));
  await p.screenshot({ path: screenshotPath('attendee-home-branded-fr') });

  // An event without a look keeps FindMe's own header.
  await s.createEvent('Plain', 'PLAIN1');
  const other = await (await browser.newContext(PHONE)).newPage();
  await other.goto(`${s.attendeeUrl}/e/PLAIN1`);
  await other.locator('.btn.primary').first().waitFor({ timeout: 10_000 });
  await expect.poll(() => other.locator('header.app-header').getAttribute('class')).toBe('app-header');
  expect(await other.locator('.event-logo').count()).toBe(0);
  await phone.close();
});
