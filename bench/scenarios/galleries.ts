// Real galleries: an event seeded before FindMe starts (gallery-seed.ts) with `photos` photos
// and `attendees` attendees whose galleries hold 20–100 photos each; the attendees log in and
// browse as phones do (browse.ts), each from its own address, arriving 10 per second.
// Baseline of the same run: one attendee alone browsing the same way on the idle server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions } from '../lib/args.js';
import { BLOCKS } from '../lib/addresses.js';
import type { BrowseJob, BrowseResult } from '../lib/browse.js';
import { runDriver, startDriver } from '../lib/driver-client.js';
import { gallerySources } from '../lib/gallery-files.js';
import { seedGalleries, type SeededEvent } from '../lib/gallery-seed.js';
import { PASSWORD } from '../lib/journey.js';
import { startMonitor, type MonitorResult } from '../lib/monitor.js';
import { startSampler, withoutSamples, type ProcStats } from '../lib/proc-sampler.js';
import { BENCH_BCRYPT_ROUNDS, startFindMe } from '../lib/server-process.js';

export interface GalleriesResult {
  seeded: SeededEvent;
  /** Mean bytes of the source files (every photo hard-links one of them). */
  sourceBytes: { original: number; preview: number; thumb: number };
  workers: number;
  previews: number;
  originals: number;
  rampMs: number;
  alone: BrowseResult;
  run: BrowseResult;
  server: Omit<ProcStats, 'samples'>;
  driver?: Omit<ProcStats, 'samples'>;
  rssSeries: { t: number; mb: number }[];
  queue: Omit<MonitorResult, 'samples'>;
}

export const GALLERY_MIN = 20;
export const GALLERY_MAX = 100;

export async function runGalleries(opts: BenchOptions, log: (s: string) => void): Promise<GalleriesResult> {
  const sources = await gallerySources();
  const mean = (k: keyof (typeof sources)[number]['bytes']) => sources.reduce((s, x) => s + x.bytes[k], 0) / sources.length;
  const dataDir = mkdtempSync(join(tmpdir(), 'findme-bench-'));
  const seeded = seedGalleries(dataDir, sources, {
    attendees: opts.galleryAttendees,
    photos: opts.galleryPhotos,
    minPer: GALLERY_MIN,
    maxPer: GALLERY_MAX,
    bcryptRounds: BENCH_BCRYPT_ROUNDS,
    seed: 7,
  });
  log(
    `  seeded ${seeded.photos} photos, ${seeded.usernames.length} attendees, ${seeded.matches} matches in ${(seeded.seedMs / 1000).toFixed(1)} s (galleries ${seeded.gallerySizes.min}–${seeded.gallerySizes.max}, median ${seeded.gallerySizes.p50})`,
  );
  const server = await startFindMe({ dataDir, realLimits: true });
  try {
    const workers = (await server.admin('GET', '/api/admin/settings')).workers as number;
    const previews = 5;
    const originals = opts.quick ? 1 : 2;
    const job = (usernames: string[], addressBlock: number, rampMs: number, thinkMs: [number, number], maxMs: number): BrowseJob => ({
      kind: 'browse',
      base: server.attendeeUrl,
      eventId: seeded.id,
      usernames,
      password: PASSWORD,
      rampMs,
      maxMs,
      addressBlock,
      thinkMs,
      previews,
      originals,
      seed: 11,
    });
    const alone = await runDriver<BrowseResult>(job(seeded.usernames.slice(0, 1), BLOCKS.galleriesAlone, 0, [300, 300], 120_000), 180_000);
    const rampMs = seeded.usernames.length * 100;
    const maxMs = (opts.quick ? 120 : 400) * 1000;
    const driver = await startDriver();
    const monitor = startMonitor(server.adminUrl, server.adminToken);
    const sampler = startSampler({ server: server.pid, driver: driver.pid }, 500);
    let run: BrowseResult;
    let procs: Record<string, ProcStats>;
    try {
      run = await driver.run<BrowseResult>(job(seeded.usernames, BLOCKS.galleries, rampMs, [1000, 3000], maxMs), maxMs + 120_000);
    } finally {
      procs = sampler.stop();
      await driver.stop();
    }
    const { samples: _q, ...queue } = monitor.stop();
    const srv = procs.server!;
    const fails = Object.values(run.endpoints).reduce((s, e) => s + e.failures, 0);
    log(
      `  ${run.completed}/${run.attendees} attendees browsed in ${(run.durationMs / 1000).toFixed(0)} s, ${fails} failed requests, peak RSS ${(srv.peakRssBytes / 1048576).toFixed(0)} MB, CPU ${srv.cpuAvgPercent.toFixed(0)}%`,
    );
    return {
      seeded,
      sourceBytes: { original: mean('original'), preview: mean('preview'), thumb: mean('thumb') },
      workers,
      previews,
      originals,
      rampMs,
      alone,
      run,
      server: withoutSamples(srv)!,
      driver: withoutSamples(procs.driver),
      rssSeries: srv.samples.filter((_, i) => i % 2 === 0).map((s) => ({ t: Math.round(s.t / 100) / 10, mb: Math.round(s.rssBytes / 1048576) })),
      queue,
    };
  } finally {
    await server.stop();
  }
}
