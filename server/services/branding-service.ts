// An event's branding: the accent colour, the venue Wi-Fi printed on the poster, and the logo
// (re-encoded, stored by the hash of its bytes, served to phones by the event's code).
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import QRCode from 'qrcode';
import type { BrandingBody, EventBranding, PublicBranding, WifiSettings } from '../contract/branding.js';
import type { BrandingRepo, BrandingRow } from '../db/repositories/branding-repo.js';
import { encodeLogo } from '../images/logo-image.js';
import type { EventFiles } from '../storage/event-files.js';
import { AppError } from '../util/app-error.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { accentColors } from './accent-colors.js';
import type { EventsService } from './events-service.js';
import { wifiJoinText } from './wifi-join.js';

export interface BrandingServiceDeps {
  repo: BrandingRepo;
  events: Pick<EventsService, 'require' | 'byCode'>;
  files: Pick<EventFiles, 'logo'>;
  now?: () => number;
}

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u001f\u007f]/;
const HEX = /^[0-9a-fA-F]+$/;

type WifiProblem = 'ssid_too_long' | 'control_characters' | 'password_required' | 'password_not_allowed' | 'wpa_password_length' | 'wep_key_length';

const WIFI_MESSAGES: Record<WifiProblem, string> = {
  ssid_too_long: 'A Wi-Fi name is 32 bytes at most.',
  control_characters: 'The Wi-Fi name and password cannot hold control characters.',
  password_required: 'This network needs its password (or choose “open network”).',
  password_not_allowed: 'An open network has no password: remove it, or choose WPA or WEP.',
  wpa_password_length: 'A WPA password is 8 to 63 characters (or 64 hexadecimal digits).',
  wep_key_length: 'A WEP key is 5 or 13 characters (or 10 or 26 hexadecimal digits).',
};

/** The Wi-Fi as it will be stored, or invalid_wifi with the reason the dashboard words. */
export function checkWifi(wifi: WifiSettings): NonNullable<BrandingRow['wifi']> {
  const password = wifi.password ? wifi.password : null;
  const fail = (reason: WifiProblem) => new AppError(400, 'invalid_wifi', WIFI_MESSAGES[reason], { reason });
  if (Buffer.byteLength(wifi.ssid, 'utf8') > 32) throw fail('ssid_too_long');
  if (CONTROL.test(wifi.ssid) || (password && CONTROL.test(password))) throw fail('control_characters');
  if (wifi.security === 'nopass') {
    if (password) throw fail('password_not_allowed');
  } else if (!password) throw fail('password_required');
  else if (wifi.security === 'WPA' && !((password.length >= 8 && password.length <= 63) || (password.length === 64 && HEX.test(password))))
    throw fail('wpa_password_length');
  else if (wifi.security === 'WEP' && ![5, 13].includes(password.length) && !([10, 26].includes(password.length) && HEX.test(password)))
    throw fail('wep_key_length');
  return { ssid: wifi.ssid, password, security: wifi.security, hidden: wifi.hidden ?? false };
}

export function createBrandingService(deps: BrandingServiceDeps) {
  const now = deps.now ?? Date.now;
  const { repo } = deps;

  async function forAdmin(eventId: string): Promise<EventBranding> {
    deps.events.require(eventId);
    const row = repo.find(eventId);
    const text = row.wifi ? wifiJoinText(row.wifi) : null;
    const svg = text ? await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : null;
    return {
      accentColor: row.accentColor,
      colors: row.accentColor ? accentColors(row.accentColor) : null,
      hasLogo: row.logoHash !== null,
      logoVersion: row.logoHash,
      wifi: row.wifi,
      wifiQrText: text,
      wifiQrSvgDataUrl: svg ? `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` : null,
    };
  }

  /** The logo file of an event and its ETag, or null when it has none. */
  function logoOf(eventId: string): { path: string; etag: string } | null {
    const hash = repo.find(eventId).logoHash;
    return hash ? { path: deps.files.logo(eventId, hash), etag: `"${hash}"` } : null;
  }

  /** What the phone app is told about the event's look. */
  function publicFor(eventId: string, code: string): PublicBranding {
    const row = repo.find(eventId);
    return {
      accentColor: row.accentColor,
      colors: row.accentColor ? accentColors(row.accentColor) : null,
      hasLogo: row.logoHash !== null,
      logoUrl: row.logoHash ? `/api/events/${encodeURIComponent(code.toUpperCase())}/logo?v=${row.logoHash.slice(0, 12)}` : null,
    };
  }

  return {
    forAdmin,
    logoOf,

    async update(eventId: string, body: BrandingBody): Promise<EventBranding> {
      deps.events.require(eventId);
      const current = repo.find(eventId);
      const wifi = body.wifi === undefined ? current.wifi : body.wifi && checkWifi(body.wifi);
      const accentColor = body.accentColor === undefined ? current.accentColor : (body.accentColor?.toLowerCase() ?? null);
      repo.saveLook(eventId, { accentColor, wifi }, now());
      return forAdmin(eventId);
    },

    /** Re-encodes and stores a new logo (the old file goes once the new one is in force). */
    async setLogo(eventId: string, bytes: Buffer): Promise<EventBranding> {
      deps.events.require(eventId);
      const { png } = await encodeLogo(bytes);
      const hash = createHash('sha256').update(png).digest('hex').slice(0, 32);
      await writeFileAtomic(deps.files.logo(eventId, hash), png);
      const previous = repo.setLogo(eventId, hash, now());
      if (previous && previous !== hash) await rm(deps.files.logo(eventId, previous), { force: true });
      return forAdmin(eventId);
    },

    async removeLogo(eventId: string): Promise<EventBranding> {
      deps.events.require(eventId);
      const previous = repo.setLogo(eventId, null, now());
      if (previous) await rm(deps.files.logo(eventId, previous), { force: true });
      return forAdmin(eventId);
    },

    /** The logo an attendee-typed code names (the public route), or null. */
    logoByCode(code: string) {
      const event = deps.events.byCode(code);
      return event ? logoOf(event.id) : null;
    },

    /** The look of an attendee's event for /api/me, or undefined when it has none. */
    lookOf(eventId: string): PublicBranding | undefined {
      const look = publicFor(eventId, deps.events.require(eventId).code);
      return look.accentColor || look.hasLogo ? look : undefined;
    },

    publicFor,
  };
}
export type BrandingService = ReturnType<typeof createBrandingService>;
