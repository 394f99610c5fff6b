// 4. Memory soak: attendees (100 in the full run) do the whole journey, then keep coming back
// (me, gallery and thumbnails; a new login every 5th visit) while photos keep arriving in the hot folder (topped up whenever fewer
// than 2 wait), for 10 minutes. FindMe's RSS is sampled every second; growth is the mean of
// the last minute minus the mean of the first.
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchOptions } from '../lib/args.js';
import { runDriver } from '../lib/driver-client.js';
import type { JourneysResult } from '../children/driver.js';
import { CACHE, phoneSelfies } from '../lib/fixtures.js';
import { request } from '../lib/http.js';
import { photoSet, uniqueBytes, type SetPhoto } from '../lib/photo-set.js';
import { startSampler, withoutSamples, type ProcStats, type Sampler } from '../lib/proc-sampler.js';
import { BLOCKS } from '../lib/addresses.js';
import { startFindMe } from '../lib/server-process.js';
import { mean, slope, stdev } from '../lib/stats.js';

export interface SoakResult {
  seconds: number;
  attendees: number;
  journeys: JourneysResult;
  photosDropped: number;
  photosProcessed: number;
  server: Omit<ProcStats, 'samples'>;
  rss: {
    windowSeconds: number;
    firstMb: number;
    lastMb: number;
    growthMb: number;
    /** Spread of the samples within the windows (largest standard deviation). */
    noiseMb: number;
    allowanceMb: number;
    secondHalfSlopeMbPerMin: number;
    peakMb: number;
    /** One sample per second: [seconds, MB] */
    series: [number, number][];
  };
}

/** A photo of the set with new bytes, written whole (a .tmp name, then renamed). */
function dropPhoto(photo: SetPhoto, dir: string, tag: string) {
  const path = join(dir, `${tag}-${photo.name}`);
  writeFileSync(`${path}.tmp`, uniqueBytes(readFileSync(photo.path), `findme bench ${tag}`));
  renameSync(`${path}.tmp`, path);
}

export async function runSoak(opts: BenchOptions, log: (s: string) => void): Promise<SoakResult> {
  const set = await photoSet(Math.min(Math.max(opts.photos, 10), 20), log);
  const selfies = await phoneSelfies(true);
  const server = await startFindMe();
  const hotDir = mkdtempSync(join(CACHE, 'hot-'));
  let dropped = 0;
  try {
    const event = await server.createEvent('Bench soak');
    await server.admin('PUT', `/api/admin/events/${event.id}/hot-folder`, { folder: hotDir });
    // Warm-up, not measured: each image worker loads the face model on its first photo.
    const WARM_UP = 2;
    for (let k = 0; k < WARM_UP; k++) dropPhoto(set[k % set.length]!, hotDir, `warm-up-${k}`);
    for (const t0 = Date.now(); Date.now() - t0 < 120_000;) {
      const list = (await server.admin('GET', `/api/admin/events/${event.id}/photos`)).photos as { status: string }[];
      if (list.length >= WARM_UP && list.every((p) => p.status !== 'queued' && p.status !== 'processing')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const soakMs = opts.soakSeconds * 1000;
    let sampler: Sampler | undefined;
    let feeding = true;
    const feeder = (async () => {
      while (feeding && dropped < 5000) {
        const q = await request(`${server.adminUrl}/api/admin/queue/stats`, { token: server.adminToken, timeoutMs: 5000 });
        if ((q.body?.queue?.queued ?? 99) < 2) {
          for (let k = 0; k < 2; k++) {
            dropPhoto(set[dropped % set.length]!, hotDir, `soak-${dropped}`);
            dropped++;
          }
        }
        // Files FindMe took long ago are removed (it keeps its own copy): the disk stays flat.
        for (const name of readdirSync(hotDir)) {
          const path = join(hotDir, name);
          if (Date.now() - statSync(path).mtimeMs > 60_000) rmSync(path, { force: true });
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    let journeys: JourneysResult;
    try {
      journeys = await runDriver<JourneysResult>(
        {
          kind: 'journeys',
          base: server.attendeeUrl,
          code: event.code,
          eventId: event.id,
          attendees: opts.soakAttendees,
          addressBlock: BLOCKS.soak,
          rampMs: Math.max(1000, opts.soakAttendees * 33),
          namePrefix: 'soak-',
          selfies: selfies.map((s) => s.path),
          selfieTimeoutMs: Math.min(300_000, soakMs),
          maxMs: soakMs + 5_000,
          soakMs,
        },
        soakMs + 120_000,
        (pid) => (sampler = startSampler({ server: server.pid, driver: pid }, 1000)),
      );
    } finally {
      feeding = false;
      await feeder;
    }
    const procs = sampler!.stop();
    const s = procs.server!;
    let processed = -WARM_UP;
    for (let offset = 0; offset < 100_000; offset += 1000) {
      const page = (await server.admin('GET', `/api/admin/events/${event.id}/photos?limit=1000&offset=${offset}`)).photos as { status: string }[];
      processed += page.filter((p) => p.status !== 'queued' && p.status !== 'processing').length;
      if (page.length < 1000) break;
    }
    const series: [number, number][] = s.samples.map((x) => [Math.round(x.t / 1000), Math.round((x.rssBytes / 1048576) * 10) / 10]);
    const end = series.length ? series[series.length - 1]![0] : 0;
    const windowSeconds = Math.min(60, Math.max(5, Math.floor(end / 3)));
    const first = series.filter(([t]) => t <= windowSeconds).map(([, mb]) => mb);
    const last = series.filter(([t]) => t > end - windowSeconds).map(([, mb]) => mb);
    const noiseMb = Math.max(stdev(first), stdev(last));
    const firstMb = mean(first);
    const lastMb = mean(last);
    const result: SoakResult = {
      seconds: opts.soakSeconds,
      attendees: opts.soakAttendees,
      journeys,
      photosDropped: dropped,
      photosProcessed: processed,
      server: withoutSamples(s)!,
      rss: {
        windowSeconds,
        firstMb,
        lastMb,
        growthMb: lastMb - firstMb,
        noiseMb,
        // Growth within 3 standard deviations of the windows or 3 % is noise.
        allowanceMb: Math.max(3 * noiseMb, 0.03 * firstMb),
        secondHalfSlopeMbPerMin: slope(series.filter(([t]) => t >= end / 2).map(([t, mb]) => ({ x: t / 60, y: mb }))),
        peakMb: s.peakRssBytes / 1048576,
        series,
      },
    };
    log(
      `  soak ${opts.soakSeconds} s: RSS ${firstMb.toFixed(0)} → ${lastMb.toFixed(0)} MB (peak ${result.rss.peakMb.toFixed(0)}), ${processed} photos ingested, ${journeys.journeys.returnVisits} return visits`,
    );
    return result;
  } finally {
    await server.stop();
    rmSync(hotDir, { recursive: true, force: true });
  }
}
