// The text of a Wi-Fi join QR code (the ZXing "WIFI:" format phones' cameras read):
// WIFI:T:<WPA|WEP|nopass>;S:<ssid>;P:<password>;H:true;;
import type { WifiSecurity } from '../contract/branding.js';

/** Backslash first, then the format's own separators: \ ; , : " */
export function escapeWifiField(value: string): string {
  return value.replace(/[\\;,:"]/g, (c) => `\\${c}`);
}

export function wifiJoinText(wifi: { ssid: string; password: string | null; security: WifiSecurity; hidden: boolean }): string {
  let text = `WIFI:T:${wifi.security};S:${escapeWifiField(wifi.ssid)};`;
  // An open network has no password field at all: some readers take "P:;" as an empty password.
  if (wifi.security !== 'nopass' && wifi.password) text += `P:${escapeWifiField(wifi.password)};`;
  if (wifi.hidden) text += 'H:true;';
  return `${text};`;
}
