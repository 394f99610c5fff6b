// The event's look on the phone: its colours as CSS variables on <html> (styles.css reads them)
// and its logo for the header. Set from the event-code check and from /api/me (api.ts).
import { useSyncExternalStore } from 'react';
import type { PublicBranding } from '../../server/contract/branding';

const DEFAULT_THEME = '#3730a3';
let logoUrl: string | null = null;
let branded = false;
const listeners = new Set<() => void>();

/** The event the page's address (/e/<CODE>) names, once the code check said which. */
let pathEvent: { code: string; id: string } | null = null;
const pathCode = () => /^\/e\/([A-Za-z0-9]{1,32})\/?$/.exec(location.pathname)?.[1]?.toUpperCase() ?? '';

function apply(b: PublicBranding | null | undefined) {
  const root = document.documentElement.style;
  const c = b?.colors;
  const vars: [string, string | undefined][] = [
    ['--brand', c?.strong],
    ['--brand-soft', c?.soft],
    ['--accent', c?.accent],
    ['--accent-ink', c?.onAccent],
  ];
  for (const [name, value] of vars) {
    if (value) root.setProperty(name, value);
    else root.removeProperty(name);
  }
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', c?.accent ?? DEFAULT_THEME);
  logoUrl = b?.logoUrl ?? null;
  branded = Boolean(c);
  for (const fn of listeners) fn();
}

/** A code check answered: the screen now shows that event (or none, for an unknown code). */
export function brandFromCodeCheck(code: string, event: { id: string } | undefined, b: PublicBranding | undefined) {
  if (event && code.toUpperCase() === pathCode()) pathEvent = { code: code.toUpperCase(), id: event.id };
  apply(event ? b : null);
}

/**
 * /api/me answered: the signed-in attendee's event. Skipped while the address names another
 * event (its QR code was scanned: the app shows that event's join screen).
 */
export function brandFromMe(eventId: string, b: PublicBranding | undefined) {
  if (pathEvent && pathEvent.code === pathCode() && pathEvent.id !== eventId) return;
  apply(b);
}

const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};

/** The event's logo URL (null: FindMe's own mark) and whether the event has its own colour. */
export function useBranding(): { logoUrl: string | null; branded: boolean } {
  const logo = useSyncExternalStore(subscribe, () => logoUrl);
  const isBranded = useSyncExternalStore(subscribe, () => branded);
  return { logoUrl: logo, branded: isBranded };
}
