// An event's branding over real HTTP: colour and Wi-Fi validated with stable codes, the logo
// re-encoded to a PNG of at most 512 px (a text file refused), served publicly by the event's
// code with an ETag, and the event-code check and /api/me telling the phone its look.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBranding } from '../../../server/contract/branding.js';
import { fixture, formWith } from '../../helpers/fixtures.js';
import { register, startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
let gala: { id: string; code: string };
let other: { id: string; code: string };
let log = '';

beforeAll(async () => {
  // The most verbose log, to show the Wi-Fi password never reaches it.
  const sink = new Writable({
    write(chunk, _enc, cb) {
      log += String(chunk);
      cb();
    },
  });
  s = await startTestServer({ logger: pino({ level: 'trace' }, sink) });
  gala = await s.createEvent('Gala 2026', 'GALA26');
  other = await s.createEvent('Expo', 'EXPO26');
});
afterAll(() => s.close());

const putLogo = async (eventId: string, bytes: Uint8Array, name: string, type: string) => {
  const res = await fetch(`${s.adminUrl}/api/admin/events/${eventId}/logo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${s.adminToken}` },
    body: formWith('file', [{ name, bytes, type }]),
  });
  return { status: res.status, body: (await res.json()) as EventBranding & { error?: { code: string } } };
};

describe('colour and Wi-Fi', () => {
  it('starts empty', async () => {
    const res = await s.admin<EventBranding>('GET', `/api/admin/events/${gala.id}/branding`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accentColor: null, colors: null, hasLogo: false, wifi: null, wifiQrText: null, wifiQrSvgDataUrl: null });
  });

  it('saves a colour and a WPA network, and builds the Wi-Fi QR from the escaped text', async () => {
    const res = await s.admin<EventBranding>('PUT', `/api/admin/events/${gala.id}/branding`, {
      accentColor: '#FFEB3B',
      wifi: { ssid: 'Gala;Guests', password: 'open:sesame', security: 'WPA', hidden: false },
    });
    expect(res.status).toBe(200);
    const refused = await s.admin('PUT', `/api/admin/events/${gala.id}/branding`, { wifi: { ssid: 'Gala', security: 'nopass', password: 'open:sesame' } });
    expect(refused.status).toBe(400);
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain('sesame');
    expect(res.body.accentColor).toBe('#ffeb3b');
    expect(res.body.colors).toMatchObject({ accent: '#ffeb3b', onAccent: '#000000' });
    expect(res.body.wifi).toEqual({ ssid: 'Gala;Guests', password: 'open:sesame', security: 'WPA', hidden: false });
    expect(res.body.wifiQrText).toBe('WIFI:T:WPA;S:Gala\\;Guests;P:open\\:sesame;;');
    // The image is the QR code of exactly that text.
    const svg = Buffer.from(res.body.wifiQrSvgDataUrl!.split(',')[1]!, 'base64').toString();
    expect(svg).toBe(await QRCode.toString(res.body.wifiQrText!, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
  });

  it('leaves out fields as they are, and clears them with null', async () => {
    let res = await s.admin<EventBranding>('PUT', `/api/admin/events/${gala.id}/branding`, { accentColor: '#0055aa' });
    expect(res.body.accentColor).toBe('#0055aa');
    expect(res.body.wifi?.ssid).toBe('Gala;Guests');
    res = await s.admin<EventBranding>('PUT', `/api/admin/events/${gala.id}/branding`, { wifi: null });
    expect(res.body).toMatchObject({ accentColor: '#0055aa', wifi: null, wifiQrText: null });
  });

  it('refuses bad colours and Wi-Fi settings with stable codes', async () => {
    const put = (body: unknown) => s.admin('PUT', `/api/admin/events/${gala.id}/branding`, body);
    for (const body of [
      { accentColor: 'red' },
      { accentColor: '#12345' },
      { accentColor: '#gggggg' },
      { wifi: { ssid: '', security: 'WPA', password: 'abcdefgh' } },
      { wifi: { ssid: 'Gala', security: 'WPA2', password: 'abcdefgh' } },
      { wifi: { ssid: 'x'.repeat(33), security: 'nopass' } },
      { wifi: { ssid: 'Gala', security: 'nopass', extra: 1 } },
      { logo: 'x' },
    ]) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    for (const [wifi, reason] of [
      [{ ssid: 'Gala', security: 'WPA', password: 'short' }, 'wpa_password_length'],
      [{ ssid: 'Gala', security: 'WPA' }, 'password_required'],
      [{ ssid: 'Gala', security: 'nopass', password: 'abcdefgh' }, 'password_not_allowed'],
      [{ ssid: 'Gala', security: 'WEP', password: 'abcdef' }, 'wep_key_length'],
      [{ ssid: 'é'.repeat(17), security: 'nopass' }, 'ssid_too_long'],
    ] as const) {
      const res = await put({ wifi });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_wifi' });
      expect(res.body.reason).toBe(reason);
    }
    expect((await s.admin('PUT', '/api/admin/events/no-such-event/branding', { accentColor: '#000000' })).body.error.code).toBe('event_not_found');
  });
});

describe('logo', () => {
  it('re-encodes a large JPEG to a PNG of at most 512 px, served by the event code with an ETag', async () => {
    const jpeg = readFileSync(fixture('photos/obama1.jpg'));
    const meta = await sharp(jpeg).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBeGreaterThan(512);
    const res = await putLogo(gala.id, jpeg, 'logo.jpg', 'image/jpeg');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ hasLogo: true });

    const check = await s.api('GET', '/api/check-event-code?code=gala26');
    expect(check.body.branding).toMatchObject({ accentColor: '#0055aa', hasLogo: true, colors: { onAccent: '#ffffff' } });
    const logoUrl: string = check.body.branding.logoUrl;
    expect(logoUrl).toMatch(/^\/api\/events\/GALA26\/logo\?v=[0-9a-f]{12}$/);

    const got = await fetch(s.attendeeUrl + logoUrl);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await got.arrayBuffer());
    const out = await sharp(png).metadata();
    expect(out.format).toBe('png');
    expect(Math.max(out.width!, out.height!)).toBe(512);
    expect(out.width! / out.height!).toBeCloseTo(meta.width! / meta.height!, 1);

    const etag = got.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await fetch(s.attendeeUrl + logoUrl, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    // The same bytes on the admin listener.
    const admin = await fetch(`${s.adminUrl}/api/admin/events/${gala.id}/logo`, { headers: { authorization: `Bearer ${s.adminToken}` } });
    expect(Buffer.from(await admin.arrayBuffer()).equals(png)).toBe(true);
  });

  it('keeps a small WebP at its size, replaces the old file, and changes the ETag', async () => {
    const before = (await fetch(`${s.attendeeUrl}/api/events/GALA26/logo`)).headers.get('etag');
    const webp = await sharp({ create: { width: 120, height: 60, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0.5 } } })
      .webp()
      .toBuffer();
    const res = await putLogo(gala.id, webp, 'logo.webp', 'image/webp');
    expect(res.status).toBe(200);
    const got = await fetch(`${s.attendeeUrl}/api/events/gala26/logo`);
    expect(got.headers.get('etag')).not.toBe(before);
    const meta = await sharp(Buffer.from(await got.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 120, height: 60, hasAlpha: true });
    const files = readdirSync(join(s.dataDir, 'events', gala.id, 'branding'));
    expect(files).toEqual([`logo-${res.body.logoVersion}.png`]);
  });

  it('refuses a text file, a missing file and a body that is not multipart', async () => {
    const text = await putLogo(gala.id, new TextEncoder().encode('not a logo at all\n'), 'logo.png', 'image/png');
    expect(text.status).toBe(400);
    expect(text.body.error?.code).toBe('unreadable_image');
    const gif = await putLogo(gala.id, Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'), 'x.gif', 'image/gif');
    expect(gif.body.error?.code).toBe('unreadable_image');
    const none = await fetch(`${s.adminUrl}/api/admin/events/${gala.id}/logo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${s.adminToken}` },
      body: formWith('other', [{ name: 'a.png', bytes: new Uint8Array(4) }]),
    });
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('file_required');
    const raw = await s.admin('PUT', `/api/admin/events/${gala.id}/logo`, { file: 'x' });
    expect(raw.body.error.code).toBe('unsupported_media_type');
    // The logo in force is still there.
    expect((await fetch(`${s.attendeeUrl}/api/events/GALA26/logo`)).status).toBe(200);
  });

  it('refuses a file above the size limit with file_too_large', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    const res = await putLogo(other.id, big, 'big.png', 'image/png');
    expect(res.status).toBe(413);
    expect(res.body.error?.code).toBe('file_too_large');
  });

  it('tells a signed-in phone its event look in /api/me, and removes the logo', async () => {
    const me = await register(s, { code: 'GALA26', username: 'brand-fan' });
    const res = await s.api('GET', '/api/me', { token: me.token });
    expect(res.body.branding).toMatchObject({ accentColor: '#0055aa', hasLogo: true });

    const removed = await s.admin<EventBranding>('DELETE', `/api/admin/events/${gala.id}/logo`);
    expect(removed.body).toMatchObject({ hasLogo: false, logoVersion: null });
    expect((await fetch(`${s.attendeeUrl}/api/events/GALA26/logo`)).status).toBe(404);
    expect(readdirSync(join(s.dataDir, 'events', gala.id, 'branding'))).toEqual([]);
    expect((await s.api('GET', '/api/check-event-code?code=GALA26')).body.branding).toMatchObject({ hasLogo: false, logoUrl: null });
    // An unknown code and an event without a logo look the same: 404.
    expect((await fetch(`${s.attendeeUrl}/api/events/NOPE99/logo`)).status).toBe(404);
    expect(existsSync(join(s.dataDir, 'events', other.id, 'branding'))).toBe(false);
  });
});
