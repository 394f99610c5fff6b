// 2. Photo ingest: N photos of 24 MP dropped into the hot folder of an event with 300
// attendees (the 5 fixture attendees with real selfies), with 1, 2 and N workers: wall time,
// photos per minute, time per stage, peak RSS, and every expected match checked against what
// was composited. Baseline of the same run: the face model alone on the same decoded images.
import { copyFileSync, linkSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { StageTotals } from '../../server/monitor/stage-stats.js';
import type { BenchOptions } from '../lib/args.js';
import { registerAttendees } from '../lib/events.js';
import { CACHE, fixture, manifest } from '../lib/fixtures.js';
import { inferenceFloor, type FloorResult } from '../lib/floor.js';
import { startMonitor, type MonitorResult } from '../lib/monitor.js';
import { photoSet, PHOTO_H, PHOTO_W, type SetPhoto } from '../lib/photo-set.js';
import { startSampler, withoutSamples, type ProcStats } from '../lib/proc-sampler.js';
import { startFindMe, type FindMeServer } from '../lib/server-process.js';
import { checkMatches, type MatchCheck } from './ingest-check.js';

export interface IngestRun {
  workers: number;
  photos: number;
  attendees: number;
  wallMs: number;
  /** From the drop until FindMe listed the first photo (hot-folder settle time + copy + hash). */
  pickupMs: number;
  photosPerMinute: number;
  statuses: Record<string, number>;
  stages: StageTotals;
  server: Omit<ProcStats, 'samples'>;
  queue: Omit<MonitorResult, 'samples'>;
  check: MatchCheck;
  floorMs?: number;
  floorParallel?: number;
  ratioToFloor?: number;
}

export interface IngestResult {
  set: { photos: number; megapixels: number; avgBytes: number; expectedMatches: number };
  floors: FloorResult[];
  runs: IngestRun[];
}

const THRESHOLD = 0.55;

/** Links (or copies) the set into `dir`, as a card reader or sync tool would drop them. */
function drop(set: SetPhoto[], dir: string) {
  for (const p of set) {
    try {
      linkSync(p.path, join(dir, p.name));
    } catch {
      copyFileSync(p.path, join(dir, p.name));
    }
  }
}

async function waitAllDone(server: FindMeServer, eventId: string, count: number, t0: number, timeoutMs: number) {
  let pickupMs = NaN;
  for (;;) {
    const list = (await server.admin('GET', `/api/admin/events/${eventId}/photos?limit=1000`)).photos as { status: string }[];
    if (list.length && Number.isNaN(pickupMs)) pickupMs = Date.now() - t0;
    const statuses: Record<string, number> = {};
    for (const p of list) statuses[p.status] = (statuses[p.status] ?? 0) + 1;
    const finished = list.filter((p) => p.status === 'done' || p.status === 'no_faces' || p.status === 'failed').length;
    if (list.length >= count && finished >= count) return { wallMs: Date.now() - t0, pickupMs, statuses };
    if (Date.now() - t0 > timeoutMs) throw new Error(`ingest not finished after ${timeoutMs} ms: ${JSON.stringify(statuses)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function ingestOnce(set: SetPhoto[], workers: number, attendees: number, log: (s: string) => void): Promise<IngestRun> {
  const server = await startFindMe({ workers });
  const hotDir = mkdtempSync(join(CACHE, 'hot-'));
  try {
    const event = await server.createEvent(`Bench ingest ${workers}w`);
    const tokens = await registerAttendees(server, event.code, attendees);
    await server.admin('PUT', `/api/admin/events/${event.id}/hot-folder`, { folder: hotDir });
    const before = await server.stages();
    const sampler = startSampler({ server: server.pid }, 500);
    const monitor = startMonitor(server.adminUrl, server.adminToken);
    const t0 = Date.now();
    drop(set, hotDir);
    const done = await waitAllDone(server, event.id, set.length, t0, 120_000 + (set.length * 20_000) / workers);
    const procs = sampler.stop();
    const { samples: _q, ...queue } = monitor.stop();
    const after = await server.stages();
    const stages = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[k as keyof StageTotals]])) as unknown as StageTotals;
    const check = await checkMatches(server, event.id, set, tokens);
    const run: IngestRun = {
      workers,
      photos: set.length,
      attendees,
      wallMs: done.wallMs,
      pickupMs: done.pickupMs,
      photosPerMinute: (set.length / done.wallMs) * 60_000,
      statuses: done.statuses,
      stages,
      server: withoutSamples(procs.server)!,
      queue,
      check,
    };
    log(
      `  ${workers} worker(s): ${set.length} photos in ${(done.wallMs / 1000).toFixed(1)} s (${run.photosPerMinute.toFixed(0)}/min), peak RSS ${(run.server.peakRssBytes / 1048576).toFixed(0)} MB, matches ${check.found}/${check.expected}, false ${check.falseMatches.length}`,
    );
    return run;
  } finally {
    await server.stop();
    rmSync(hotDir, { recursive: true, force: true });
  }
}

export async function runIngest(opts: BenchOptions, log: (s: string) => void): Promise<IngestResult> {
  const set = await photoSet(opts.photos, log);
  const selfies = manifest.attendees.map((attendee) => ({ attendee, path: fixture(manifest.selfies[attendee]!) }));
  const cores = availableParallelism();
  const floors: FloorResult[] = [];
  const runs: IngestRun[] = [];
  for (const workers of [...opts.workers].sort((a, b) => a - b)) {
    const parallel = Math.min(workers, cores);
    let floor = floors.find((f) => f.parallel === parallel);
    if (!floor) {
      floor = await inferenceFloor(
        set.map((p) => ({ name: p.name, path: p.path })),
        selfies,
        parallel,
        THRESHOLD,
      );
      floors.push(floor);
      log(
        `  inference floor, ${parallel} at once: ${(floor.floorMs / 1000).toFixed(1)} s (${floor.perImage.avg.toFixed(0)} ms per photo, p95 ${floor.perImage.p95.toFixed(0)})`,
      );
    }
    const run = await ingestOnce(set, workers, opts.ingestAttendees, log);
    run.floorMs = floor.floorMs;
    run.floorParallel = floor.parallel;
    run.ratioToFloor = run.wallMs / floor.floorMs;
    run.check.modelAlone = compareWithFloor(set, floor);
    runs.push(run);
  }
  return {
    set: {
      photos: set.length,
      megapixels: (PHOTO_W * PHOTO_H) / 1e6,
      avgBytes: set.reduce((s, p) => s + p.bytes, 0) / set.length,
      expectedMatches: set.reduce((s, p) => s + p.expected.length, 0),
    },
    floors,
    runs,
  };
}

/** What the model alone found among the expected matches (FindMe cannot beat it). */
function compareWithFloor(set: SetPhoto[], floor: FloorResult) {
  let found = 0;
  let falseMatches = 0;
  for (const p of set) {
    const got = new Set(floor.matches[p.name] ?? []);
    found += p.expected.filter((a) => got.has(a)).length;
    falseMatches += [...got].filter((a) => !p.expected.includes(a)).length;
  }
  return { found, falseMatches };
}
