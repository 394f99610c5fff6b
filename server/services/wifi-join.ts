// The text of a Wi-Fi join QR code (the ZXing "WIFI:" format phones' cameras read):
// WIFI:T:<WPA|WEP|nopass>;S:<ssid>;P:<password>;H:true;;
import type { WifiSecurity } from '../contract/branding.js';

/** Backslash first, then the format's own separators: \ ; , : " */
export function escapeWifiField(value: string): string {
  return value.replace(/[\\;,:"]/g, (c) => `\\${c}`);
}

/**
 * A network name made only of hexadecimal digits ("CAFE1234") would be read as hex bytes by
 * phones: the format wants it in double quotes. (A password of hex digits stays as it is: for
 * WEP and a 64-digit WPA key, hex is what it means.)
 */
const ssidField = (ssid: string) => (/^[0-9A-Fa-f]+$/.test(ssid) ? `"${escapeWifiField(ssid)}"` : escapeWifiField(ssid));

export function wifiJoinText(wifi: { ssid: string; password: string | null; security: WifiSecurity; hidden: boolean }): string {
  let text = `WIFI:T:${wifi.security};S:${ssidField(wifi.ssid)};`;
  // An open network has no password field at all: some readers take "P:;" as an empty password.
  if (wifi.security !== 'nopass' && wifi.password) text += `P:${escapeWifiField(wifi.password)};`;
  if (wifi.hidden) text += 'H:true;';
  return `${text};`;
}
