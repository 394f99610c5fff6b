// The Wi-Fi join QR text: the format's separators escaped, open and hidden networks, and the
// checks on names and passwords.
import { describe, expect, it } from 'vitest';
import { checkWifi } from '../../../server/services/branding-service.js';
import { escapeWifiField, wifiJoinText } from '../../../server/services/wifi-join.js';

describe('escapeWifiField', () => {
  it('escapes \\ ; , : and " with a backslash, backslash first', () => {
    expect(escapeWifiField('a\\b;c,d:e"f')).toBe('a\\\\b\\;c\\,d\\:e\\"f');
    expect(escapeWifiField('\\;')).toBe('\\\\\\;');
    expect(escapeWifiField('Café Wi-Fi 5G')).toBe('Café Wi-Fi 5G');
  });
});

describe('wifiJoinText', () => {
  it('writes a WPA network with its password', () => {
    expect(wifiJoinText({ ssid: 'Gala Guests', password: 'pa;ss:wo,rd"\\', security: 'WPA', hidden: false })).toBe(
      'WIFI:T:WPA;S:Gala Guests;P:pa\\;ss\\:wo\\,rd\\"\\\\;;',
    );
  });

  it('quotes a network name of hexadecimal digits (phones would read it as bytes), not a hex key', () => {
    expect(wifiJoinText({ ssid: 'CAFE1234', password: 'ABCDEF0123', security: 'WEP', hidden: false })).toBe('WIFI:T:WEP;S:"CAFE1234";P:ABCDEF0123;;');
    expect(wifiJoinText({ ssid: 'Cafe 12', password: null, security: 'nopass', hidden: false })).toBe('WIFI:T:nopass;S:Cafe 12;;');
  });

  it('writes an open network without a password field, and a hidden one with H:true', () => {
    expect(wifiJoinText({ ssid: 'Open;Net', password: null, security: 'nopass', hidden: false })).toBe('WIFI:T:nopass;S:Open\\;Net;;');
    expect(wifiJoinText({ ssid: 'Back', password: '12345', security: 'WEP', hidden: true })).toBe('WIFI:T:WEP;S:Back;P:12345;H:true;;');
  });
});

describe('checkWifi', () => {
  const reason = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return (err as { code: string; extra?: { reason: string } }).code + ':' + (err as { extra?: { reason: string } }).extra?.reason;
    }
    return 'accepted';
  };

  it('accepts WPA passwords of 8 to 63 characters or 64 hexadecimal digits', () => {
    expect(checkWifi({ ssid: 'Gala', password: 'abcdefgh', security: 'WPA' })).toEqual({ ssid: 'Gala', password: 'abcdefgh', security: 'WPA', hidden: false });
    expect(reason(() => checkWifi({ ssid: 'Gala', password: 'a'.repeat(63), security: 'WPA' }))).toBe('accepted');
    expect(reason(() => checkWifi({ ssid: 'Gala', password: 'ab'.repeat(32), security: 'WPA' }))).toBe('accepted');
    expect(reason(() => checkWifi({ ssid: 'Gala', password: 'short', security: 'WPA' }))).toBe('invalid_wifi:wpa_password_length');
    expect(reason(() => checkWifi({ ssid: 'Gala', password: 'z'.repeat(64), security: 'WPA' }))).toBe('invalid_wifi:wpa_password_length');
    expect(reason(() => checkWifi({ ssid: 'Gala', security: 'WPA' }))).toBe('invalid_wifi:password_required');
  });

  it('checks WEP key lengths, open networks, name bytes and control characters', () => {
    expect(reason(() => checkWifi({ ssid: 'Old', password: '0123456789', security: 'WEP' }))).toBe('accepted');
    expect(reason(() => checkWifi({ ssid: 'Old', password: '123456', security: 'WEP' }))).toBe('invalid_wifi:wep_key_length');
    expect(reason(() => checkWifi({ ssid: 'Open', password: 'secret12', security: 'nopass' }))).toBe('invalid_wifi:password_not_allowed');
    expect(checkWifi({ ssid: 'Open', password: '', security: 'nopass', hidden: true })).toEqual({
      ssid: 'Open',
      password: null,
      security: 'nopass',
      hidden: true,
    });
    // 17 characters but 34 bytes in UTF-8: too long for an SSID
    expect(reason(() => checkWifi({ ssid: 'é'.repeat(17), security: 'nopass' }))).toBe('invalid_wifi:ssid_too_long');
    expect(reason(() => checkWifi({ ssid: 'Tab\there', security: 'nopass' }))).toBe('invalid_wifi:control_characters');
  });
});
