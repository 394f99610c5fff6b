// The event_branding table: each event's accent colour, venue Wi-Fi and logo hash.
import type { WifiSecurity } from '../../contract/branding.js';
import type { Db } from '../database.js';

export interface BrandingRow {
  eventId: string;
  accentColor: string | null;
  wifi: { ssid: string; password: string | null; security: WifiSecurity; hidden: boolean } | null;
  logoHash: string | null;
}

interface Raw {
  eventId: string;
  accentColor: string | null;
  ssid: string | null;
  password: string | null;
  security: WifiSecurity | null;
  hidden: number;
  logoHash: string | null;
}

const COLUMNS = `event_id AS eventId, accent_color AS accentColor, wifi_ssid AS ssid, wifi_password AS password,
  wifi_security AS security, wifi_hidden AS hidden, logo_hash AS logoHash`;

const toRow = (r: Raw): BrandingRow => ({
  eventId: r.eventId,
  accentColor: r.accentColor,
  wifi: r.ssid && r.security ? { ssid: r.ssid, password: r.password, security: r.security, hidden: r.hidden === 1 } : null,
  logoHash: r.logoHash,
});

export function createBrandingRepo(db: Db) {
  const byEvent = db.prepare(`SELECT ${COLUMNS} FROM event_branding WHERE event_id = ?`);
  const upsertLook = db.prepare(`
    INSERT INTO event_branding (event_id, accent_color, wifi_ssid, wifi_password, wifi_security, wifi_hidden, updated_at)
    VALUES (@eventId, @accentColor, @ssid, @password, @security, @hidden, @now)
    ON CONFLICT(event_id) DO UPDATE SET accent_color = excluded.accent_color, wifi_ssid = excluded.wifi_ssid,
      wifi_password = excluded.wifi_password, wifi_security = excluded.wifi_security, wifi_hidden = excluded.wifi_hidden,
      updated_at = excluded.updated_at`);
  const upsertLogo = db.prepare(`
    INSERT INTO event_branding (event_id, logo_hash, updated_at) VALUES (?, ?, ?)
    ON CONFLICT(event_id) DO UPDATE SET logo_hash = excluded.logo_hash, updated_at = excluded.updated_at`);

  return {
    /** The event's branding; an event never branded has every field empty. */
    find(eventId: string): BrandingRow {
      const raw = byEvent.get(eventId) as Raw | undefined;
      return raw ? toRow(raw) : { eventId, accentColor: null, wifi: null, logoHash: null };
    },
    /** Saves the colour and the Wi-Fi (the logo is left as it is). */
    saveLook(eventId: string, look: Pick<BrandingRow, 'accentColor' | 'wifi'>, now: number) {
      const w = look.wifi;
      upsertLook.run({
        eventId,
        accentColor: look.accentColor,
        ssid: w?.ssid ?? null,
        password: w?.password ?? null,
        security: w?.security ?? null,
        hidden: w?.hidden ? 1 : 0,
        now,
      });
    },
    /** Sets (or, with null, clears) the logo's hash; returns the previous one. */
    setLogo: db.transaction((eventId: string, hash: string | null, now: number): string | null => {
      const previous = (byEvent.get(eventId) as Raw | undefined)?.logoHash ?? null;
      upsertLogo.run(eventId, hash, now);
      return previous;
    }),
  };
}
export type BrandingRepo = ReturnType<typeof createBrandingRepo>;
