// The colours derived from an event's accent colour, chosen for WCAG AA contrast (4.5:1 for text):
// the ink on it (black or white), a strong shade usable as text on white and behind white text,
// and a soft tint for light backgrounds.
import type { AccentColors } from '../contract/branding.js';

type Rgb = [number, number, number];

const parse = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = parse(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background` (one of them always reaches 4.5:1). */
export function inkOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => a.map((c, i) => c + (b[i]! - c) * t) as Rgb;

/** The accent darkened just enough to reach 4.5:1 against `light` (unchanged when it already does). */
export function strongShade(hex: string, light = '#ffffff'): string {
  const rgb = parse(hex);
  for (let step = 0; step <= 20; step++) {
    const shade = toHex(mix(rgb, [0, 0, 0], step / 20));
    if (contrastRatio(shade, light) >= 4.5) return shade;
  }
  return '#000000';
}

export function accentColors(accent: string): AccentColors {
  const hex = accent.toLowerCase();
  const soft = toHex(mix(parse(hex), [255, 255, 255], 0.9));
  // Strong enough on the soft tint, hence on white too (the tint is the darker of the two).
  return { accent: hex, onAccent: inkOn(hex), strong: strongShade(hex, soft), soft };
}
