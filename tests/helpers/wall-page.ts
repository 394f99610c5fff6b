// What the photo wall page (renderer/wall/) shows, read from the outside in Chromium.
import type { Page } from 'playwright-core';

/** The photo the wall shows now (drawn, and faded in all the way), or null. */
export async function shownOn(page: Page): Promise<string | null> {
  const img = page.locator('img.slide.in');
  if ((await img.count()) === 0) return null;
  return img
    .evaluate(
      (el) => {
        const e = el as unknown as { complete: boolean; naturalWidth: number; dataset: { photoId?: string } };
        const style = (globalThis as unknown as { getComputedStyle(el: unknown): { opacity: string } }).getComputedStyle(el);
        return e.complete && e.naturalWidth > 0 && style.opacity === '1' ? (e.dataset.photoId ?? null) : null;
      },
      undefined,
      { timeout: 1000 },
    )
    .catch(() => null); // replaced by the next slide meanwhile
}
