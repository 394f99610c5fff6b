// HTTP shapes of an event's branding: its accent colour, its logo and the venue Wi-Fi shown on
// the poster (admin routes), and what the phone app is told (public, with the event-code check).
import { Type, type Static } from 'typebox';

export const AccentColor = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: '#rrggbb' });

/** WPA covers WPA, WPA2 and WPA3 (what the Wi-Fi QR format calls them); nopass: an open network. */
export const WifiSecurity = Type.Union([Type.Literal('WPA'), Type.Literal('WEP'), Type.Literal('nopass')]);
export type WifiSecurity = Static<typeof WifiSecurity>;

export const WifiSettings = Type.Object(
  {
    ssid: Type.String({ minLength: 1, maxLength: 32, description: 'the network name (32 bytes at most in UTF-8)' }),
    password: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()], { description: 'none for an open network' })),
    security: WifiSecurity,
    hidden: Type.Optional(Type.Boolean({ description: 'the network does not announce its name' })),
  },
  { additionalProperties: false },
);
export type WifiSettings = Static<typeof WifiSettings>;

/** PUT /api/admin/events/:id/branding: a field left out stays as it is; null clears it. */
export const BrandingBody = Type.Object(
  {
    accentColor: Type.Optional(Type.Union([AccentColor, Type.Null()])),
    wifi: Type.Optional(Type.Union([WifiSettings, Type.Null()])),
  },
  { additionalProperties: false },
);
export type BrandingBody = Static<typeof BrandingBody>;

/** Colours derived from the accent for WCAG AA contrast (4.5:1). */
export const AccentColors = Type.Object({
  accent: Type.String({ description: 'the operator’s colour' }),
  onAccent: Type.String({ description: 'text on the accent: #000000 or #ffffff' }),
  strong: Type.String({ description: 'the accent darkened for text on white and behind white text' }),
  soft: Type.String({ description: 'a light tint of the accent for backgrounds' }),
});
export type AccentColors = Static<typeof AccentColors>;

/** What the phone app is told (GET /api/check-event-code and GET /api/me). */
export const PublicBranding = Type.Object({
  accentColor: Type.Union([Type.String(), Type.Null()]),
  colors: Type.Union([AccentColors, Type.Null()]),
  hasLogo: Type.Boolean(),
  logoUrl: Type.Union([Type.String({ description: 'on the attendee listener; changes with the logo' }), Type.Null()]),
});
export type PublicBranding = Static<typeof PublicBranding>;

export const WifiInfo = Type.Object({
  ssid: Type.String(),
  password: Type.Union([Type.String(), Type.Null()]),
  security: WifiSecurity,
  hidden: Type.Boolean(),
});
export type WifiInfo = Static<typeof WifiInfo>;

/** GET/PUT /api/admin/events/:id/branding, PUT/DELETE …/logo. */
export const EventBranding = Type.Object({
  accentColor: Type.Union([Type.String(), Type.Null()]),
  colors: Type.Union([AccentColors, Type.Null()]),
  hasLogo: Type.Boolean(),
  logoVersion: Type.Union([Type.String({ description: 'changes with the logo (its ETag)' }), Type.Null()]),
  wifi: Type.Union([WifiInfo, Type.Null()]),
  wifiQrText: Type.Union([Type.String({ description: 'what the Wi-Fi QR code holds: WIFI:T:…;S:…;P:…;;' }), Type.Null()]),
  wifiQrSvgDataUrl: Type.Union([Type.String({ description: 'the Wi-Fi QR code as an SVG data: URL' }), Type.Null()]),
});
export type EventBranding = Static<typeof EventBranding>;

export const EventCodeParams = Type.Object({ code: Type.String({ pattern: '^[A-Za-z0-9]{1,32}$' }) });
