// The colours derived from an event's accent: black or white ink for WCAG AA contrast on it, and
// a strong shade that reads on white and on the soft tint.
import { describe, expect, it } from 'vitest';
import { accentColors, contrastRatio, inkOn, luminance } from '../../../server/services/accent-colors.js';

describe('contrast', () => {
  it('follows WCAG 2: white on black is 21:1, a colour on itself 1:1', () => {
    expect(luminance('#ffffff')).toBeCloseTo(1, 5);
    expect(luminance('#000000')).toBe(0);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#3730a3', '#3730a3')).toBe(1);
    // a published pair: #767676 on white is 4.54:1
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('puts white on dark accents and black on light ones', () => {
    expect(inkOn('#3730a3')).toBe('#ffffff');
    expect(inkOn('#b91c1c')).toBe('#ffffff');
    expect(inkOn('#ffeb3b')).toBe('#000000');
    expect(inkOn('#22c55e')).toBe('#000000');
    expect(inkOn('#ffffff')).toBe('#000000');
  });

  it('reaches 4.5:1 for every accent on a grid of colours', () => {
    for (let r = 0; r < 256; r += 17)
      for (let g = 0; g < 256; g += 17)
        for (let b = 0; b < 256; b += 17) {
          const hex = `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
          const c = accentColors(hex);
          expect(contrastRatio(c.accent, c.onAccent)).toBeGreaterThanOrEqual(4.5);
          expect(contrastRatio(c.strong, '#ffffff')).toBeGreaterThanOrEqual(4.5);
          expect(contrastRatio(c.strong, c.soft)).toBeGreaterThanOrEqual(4.5);
        }
  });

  it('keeps an accent that already reads on white as it is, lower-cased', () => {
    expect(accentColors('#3730A3')).toMatchObject({ accent: '#3730a3', onAccent: '#ffffff', strong: '#3730a3' });
    const yellow = accentColors('#ffeb3b');
    expect(yellow.strong).not.toBe('#ffeb3b');
    expect(yellow.onAccent).toBe('#000000');
  });
});
