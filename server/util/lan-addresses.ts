// The laptop's LAN IPv4 addresses, the likely Wi-Fi one first: what goes into the QR code.
import { networkInterfaces } from 'node:os';

const WIFI_NAME = /^(wl|wlan|wifi|wi-fi|en0|airport)/i;

export function lanAddresses(interfaces = networkInterfaces()): string[] {
  const found: { name: string; address: string }[] = [];
  for (const [name, addrs] of Object.entries(interfaces)) {
    for (const a of addrs ?? []) {
      if (a.family === 'IPv4' && !a.internal) found.push({ name, address: a.address });
    }
  }
  found.sort((a, b) => Number(WIFI_NAME.test(b.name)) - Number(WIFI_NAME.test(a.name)));
  return found.map((f) => f.address);
}
