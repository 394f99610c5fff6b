// 5. The attendee app: its JavaScript (the entry chunk and the chunks its index.html loads),
// raw and gzipped, and its first load of /e/CODE in Debian's Chromium on a throttled phone
// connection (CDP Network.emulateNetworkConditions), cold cache. Baselines of the same run:
// the same load unthrottled, and the wire floor (bytes ÷ bandwidth + 2 round trips).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchBrowser, PHONE } from '../../tests/helpers/browser.js';
import type { BenchOptions } from '../lib/args.js';
import { ROOT } from '../lib/child.js';
import { startFindMe } from '../lib/server-process.js';
import { summarize, type Summary } from '../lib/stats.js';

export const NETWORK = { name: 'Fast 3G', downKbps: 1600, upKbps: 750, latencyMs: 150 };

export interface FrontendResult {
  built: 'existing' | 'built now';
  assets: { file: string; rawBytes: number; gzipBytes: number }[];
  rawBytes: number;
  gzipBytes: number;
  /** The stylesheets it loads (not JavaScript; for the record). */
  css: { rawBytes: number; gzipBytes: number };
  /** Content-Encoding of the JS as FindMe served it ('' = not compressed). */
  servedEncoding: string;
  transferBytes: number;
  wireFloorMs: number;
  throttled: { domContentLoaded: Summary; load: Summary };
  unthrottled: { domContentLoaded: Summary; load: Summary };
  network: typeof NETWORK;
}

const RENDERER = join(ROOT, 'dist', 'renderer');

function ensureBuilt(log: (s: string) => void): FrontendResult['built'] {
  if (existsSync(join(RENDERER, 'attendee', 'index.html'))) return 'existing';
  log('  dist/renderer is missing: npx vite build');
  const res = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'ignore', timeout: 300_000 });
  if (res.status !== 0) throw new Error('vite build failed');
  return 'built now';
}

/** What the attendee page loads at once: module scripts, modulepreloads and stylesheets of its index.html. */
function attendeeAssets(ext: 'js' | 'css') {
  const html = readFileSync(join(RENDERER, 'attendee', 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\/?([^"]+)"/g)].map((m) => m[1]!).filter((f) => f.endsWith(`.${ext}`));
  return [...new Set(refs)].map((file) => {
    const bytes = readFileSync(join(RENDERER, file));
    return { file, rawBytes: bytes.length, gzipBytes: gzipSync(bytes).length };
  });
}

async function loadOnce(browser: Browser, url: string, throttle: boolean) {
  const context = await browser.newContext(PHONE);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (throttle) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: NETWORK.latencyMs,
        downloadThroughput: (NETWORK.downKbps * 1000) / 8,
        uploadThroughput: (NETWORK.upKbps * 1000) / 8,
      });
    }
    let encoding = '';
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) encoding = r.headers()['content-encoding'] ?? '';
    });
    await page.goto(url, { waitUntil: 'load', timeout: 90_000 });
    await page.waitForFunction('performance.getEntriesByType("navigation")[0].loadEventEnd > 0', undefined, { timeout: 30_000 });
    const t = (await page.evaluate(`(() => {
      const n = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource').reduce((s, r) => s + (r.transferSize || 0), 0);
      return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, transfer: n.transferSize + res };
    })()`)) as { dcl: number; load: number; transfer: number };
    return { ...t, encoding };
  } finally {
    await context.close();
  }
}

export async function runFrontend(opts: BenchOptions, log: (s: string) => void): Promise<FrontendResult> {
  const built = ensureBuilt(log);
  const assets = attendeeAssets('js');
  const css = attendeeAssets('css');
  const server = await startFindMe({ workers: 1 });
  let browser: Browser | undefined;
  try {
    const event = await server.createEvent('Bench page load');
    const url = `${server.attendeeUrl}/e/${event.code}`;
    browser = await launchBrowser();
    await loadOnce(browser, url, false); // warm up the server and the browser
    const throttled = [];
    const fast = [];
    for (let i = 0; i < opts.pageLoads; i++) {
      throttled.push(await loadOnce(browser, url, true));
      fast.push(await loadOnce(browser, url, false));
    }
    const transferBytes = Math.max(...throttled.map((r) => r.transfer));
    const result: FrontendResult = {
      built,
      assets,
      rawBytes: assets.reduce((s, a) => s + a.rawBytes, 0),
      gzipBytes: assets.reduce((s, a) => s + a.gzipBytes, 0),
      css: { rawBytes: css.reduce((s, a) => s + a.rawBytes, 0), gzipBytes: css.reduce((s, a) => s + a.gzipBytes, 0) },
      servedEncoding: throttled[0]?.encoding ?? '',
      transferBytes,
      wireFloorMs: (transferBytes * 8) / NETWORK.downKbps + 2 * NETWORK.latencyMs,
      throttled: { domContentLoaded: summarize(throttled.map((r) => r.dcl)), load: summarize(throttled.map((r) => r.load)) },
      unthrottled: { domContentLoaded: summarize(fast.map((r) => r.dcl)), load: summarize(fast.map((r) => r.load)) },
      network: NETWORK,
    };
    log(
      `  attendee JS ${(result.rawBytes / 1024).toFixed(0)} kB (${(result.gzipBytes / 1024).toFixed(0)} kB gzipped), served ${result.servedEncoding || 'uncompressed'}; ${NETWORK.name}: DOMContentLoaded ${result.throttled.domContentLoaded.p50.toFixed(0)} ms, load ${result.throttled.load.p50.toFixed(0)} ms`,
    );
    return result;
  } finally {
    await browser?.close();
    await server.stop();
  }
}
