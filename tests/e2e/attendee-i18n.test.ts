// The attendee app's dictionaries: TypeScript already forces French and English to have the same
// keys; this checks what types cannot: every message is filled in and has the same {placeholders}.
// (Loaded by path, so the tests' Node-style type check does not compile the renderer's modules.)
import { describe, expect, it } from 'vitest';

type Dictionary = Record<string, string>;
const load = async (lang: string) => ((await import(`../../renderer/attendee/i18n/${lang}.ts`)) as Record<string, Dictionary>)[lang]!;
const en = await load('en');
const fr = await load('fr');

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('attendee app dictionaries', () => {
  it('have the same keys, no empty message, and the same placeholders in both languages', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(en[key]!.trim(), key).not.toBe('');
      expect(fr[key]!.trim(), key).not.toBe('');
      expect(placeholders(fr[key]!), key).toEqual(placeholders(en[key]!));
    }
  });

  it('translate every error code a phone can receive', () => {
    const codes = [
      'username_taken',
      'email_taken',
      'password_too_short',
      'password_too_long',
      'rate_limited',
      'event_not_found',
      'invalid_credentials',
      'choose_event',
      'consent_required',
      'too_many_selfies',
      'file_too_large',
      'unreadable_image',
      'image_too_large',
      'server_busy',
      'session_expired',
      'unauthorized',
      'network_error',
      'reset_code_invalid',
      'registration_closed',
    ];
    for (const code of codes) expect(Object.keys(en), code).toContain(`err_${code}`);
  });
});
