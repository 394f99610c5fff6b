// 1. Attendee load (and 3. selfie to gallery): virtual attendees run the whole journey at each
// step (e.g. 30, 100, 300 at once) against one FindMe; at the latency step, the 5 fixture
// attendees time their selfie-to-gallery in a second event that already holds their photos.
// Baselines of the same run: a bare Fastify hello-world and FindMe's cheapest endpoint under
// the same closed-loop concurrency, and bcryptjs at cost 10 alone.
import bcrypt from 'bcryptjs';
import type { ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { forkTs, nextMessage, stopChild } from '../lib/child.js';
import { runDriver, startDriver } from '../lib/driver-client.js';
import type { JourneysJob, JourneysResult } from '../lib/driver.js';
import { eventWithFixturePhotos } from '../lib/events.js';
import { distinctPhoneSelfies, expectedFixturePhotos, manifest, phoneSelfie, phoneSelfies } from '../lib/fixtures.js';
import type { HammerResult } from '../lib/hammer.js';
import { startMonitor, type MonitorResult } from '../lib/monitor.js';
import { startSampler, withoutSamples, type ProcStats } from '../lib/proc-sampler.js';
import type { LatencySample } from '../lib/selfie-latency.js';
import { startFindMe } from '../lib/server-process.js';
import { summarize, type Summary } from '../lib/stats.js';
import type { BenchOptions } from '../lib/args.js';

export interface LoadStep {
  attendees: number;
  rampMs: number;
  helloWorld: HammerResult;
  checkEventCode: HammerResult;
  journeys: Omit<JourneysResult, 'latency'>;
  latency?: LatencyResult;
  server: Omit<ProcStats, 'samples'>;
  driver?: Omit<ProcStats, 'samples'>;
  rssSeries: { t: number; mb: number }[];
  queue: Omit<MonitorResult, 'samples'>;
}

export interface LatencyResult {
  samples: LatencySample[];
  total: Summary;
  upload: Summary;
  complete: number;
}

export interface LoadResult {
  bcryptMsPerOp: number;
  /** One attendee alone on the idle server: each endpoint's unloaded latency (the baseline). */
  alone: JourneysResult['endpoints'];
  /** Selfie to gallery on the idle server (the baseline of the figure under load). */
  idleLatency: LatencyResult;
  /** Mean size of the 12 MP phone selfies (selfie to gallery). */
  selfieBytes: number;
  /** Mean size of the journeys' selfies (1600 px, as the phone app uploads them; a face each). */
  journeySelfieBytes?: number;
  workers: number;
  steps: LoadStep[];
}

// An incomplete sample counts with the time it waited (a lower bound).
const latencyResult = (samples: LatencySample[]): LatencyResult => ({
  samples,
  total: summarize(samples.filter((s) => !s.error).map((s) => s.totalMs)),
  upload: summarize(samples.map((s) => s.uploadMs)),
  complete: samples.filter((s) => s.complete).length,
});

/** Attendees arrive 10 per second: 300 in 30 s, all busy at once (a journey lasts longer). */
export const RAMP_MS_PER_ATTENDEE = 100;

export function bcryptMsPerOp(ops = 8): number {
  bcrypt.hashSync('warm up', 10);
  const t0 = performance.now();
  for (let i = 0; i < ops; i++) bcrypt.hashSync(`correct horse battery ${i}`, 10);
  return (performance.now() - t0) / ops;
}

export async function runLoad(opts: BenchOptions, log: (s: string) => void): Promise<LoadResult> {
  const selfies = await phoneSelfies(true);
  // Journeys: a face of their own each (faces handed out twice would be held for the operator).
  const journeySelfies = await distinctPhoneSelfies(Math.max(...opts.steps, 1));
  const bcryptMs = bcryptMsPerOp();
  log(`  bcryptjs cost 10 alone: ${bcryptMs.toFixed(0)} ms per hash; phone selfies ${(selfies[0]!.bytes / 1e6).toFixed(1)} MB`);
  const server = await startFindMe();
  let hello: (ChildProcess & { output: () => string }) | undefined;
  try {
    const workers = (await server.admin('GET', '/api/admin/settings')).workers as number;
    const latencyEvent = await eventWithFixturePhotos(server, 'Bench selfie to gallery');
    // The fixture people, registered in `event` (a face is registered once per event: a second
    // account with the same face would be held for the operator).
    const latencyPeople = (event: { photoIds: Map<string, string> }) => Promise.all(manifest.attendees.map(async (attendee) => ({
      attendee,
      selfie: await phoneSelfie(attendee),
      expectedIds: expectedFixturePhotos(attendee).map((n) => event.photoIds.get(n)!).filter(Boolean),
    })));
    const people = await latencyPeople(latencyEvent);
    const latencyRepEvents = async (attendees: number) => {
      const out: { code: string; expected: Record<string, string[]> }[] = [];
      for (let rep = 0; rep < opts.latencyReps; rep++) {
        const ev = await eventWithFixturePhotos(server, `Bench selfie to gallery ${attendees}-${rep}`);
        out.push({ code: ev.code, expected: Object.fromEntries((await latencyPeople(ev)).map((p) => [p.attendee, p.expectedIds])) });
      }
      return out;
    };
    const latencyJob = {
      base: server.attendeeUrl, code: latencyEvent.code, people, reps: 1,
      firstDelayMs: 0, intervalMs: 0, staggerMs: opts.quick ? 700 : 3000, timeoutMs: 60_000, pollMs: 200,
    };
    const idle = await runDriver<JourneysResult>({
      kind: 'journeys', base: server.attendeeUrl, code: latencyEvent.code, eventId: latencyEvent.id, attendees: 0, rampMs: 0,
      namePrefix: 'idle-', selfies: [], selfieTimeoutMs: 60_000, maxMs: 120_000, latency: latencyJob,
    }, 180_000);
    const idleLatency = latencyResult(idle.latency ?? []);
    log(`  selfie to gallery on the idle server: p50 ${idleLatency.total.p50.toFixed(0)} ms, p95 ${idleLatency.total.p95.toFixed(0)} ms (${idleLatency.complete}/${idleLatency.samples.length} complete)`);
    // A fresh event per step, so each step's first attendees of each face get the photos; the
    // lone baseline attendee uses the first step's event before that step starts.
    const stepEvents = new Map<number, Awaited<ReturnType<typeof eventWithFixturePhotos>>>();
    const eventFor = async (attendees: number) => {
      if (!stepEvents.has(attendees)) stepEvents.set(attendees, await eventWithFixturePhotos(server, `Bench load ${attendees}`));
      return stepEvents.get(attendees)!;
    };
    const aloneEvent = await eventFor(opts.steps[0]!);
    const alone = await runDriver<JourneysResult>({
      kind: 'journeys', base: server.attendeeUrl, code: aloneEvent.code, eventId: aloneEvent.id, attendees: 1, rampMs: 0,
      namePrefix: 'alone-', selfies: journeySelfies, selfieTimeoutMs: 60_000, maxMs: 120_000,
    }, 180_000);
    hello = forkTs('lib/hello-server.ts');
    const helloPort = (await nextMessage<{ type: string; port: number }>(hello, 'ready', 60_000)).port;

    const steps: LoadStep[] = [];
    for (const attendees of opts.steps) {
      const load = await eventFor(attendees);
      const hammerJob = (url: string) => ({ kind: 'hammer' as const, url, concurrency: attendees, durationMs: opts.hammerSeconds * 1000, maxRequests: 1_000_000 });
      const rampMs = attendees * RAMP_MS_PER_ATTENDEE;
      const maxMs = (opts.quick ? 150 : 600) * 1000;
      const job: JourneysJob = {
        kind: 'journeys', base: server.attendeeUrl, code: load.code, eventId: load.id, attendees, rampMs,
        namePrefix: `a${attendees}-`, selfies: journeySelfies, selfieTimeoutMs: 300_000, maxMs,
        ...(attendees === opts.latencyStep && {
          latency: { ...latencyJob, repEvents: await latencyRepEvents(attendees), reps: opts.latencyReps, firstDelayMs: 2000, intervalMs: opts.quick ? 10_000 : 15_000, staggerMs: 1000, timeoutMs: 90_000 },
        }),
      };
      // One driver process per step: the two closed-loop baselines, then the journeys.
      const driver = await startDriver();
      const monitor = startMonitor(server.adminUrl, server.adminToken);
      let procs: Record<string, ProcStats>;
      let result: JourneysResult;
      let helloWorld: HammerResult;
      let checkEventCode: HammerResult;
      try {
        helloWorld = await driver.run<HammerResult>(hammerJob(`http://127.0.0.1:${helloPort}/`), 120_000);
        checkEventCode = await driver.run<HammerResult>(hammerJob(`${server.attendeeUrl}/api/check-event-code?code=${load.code}`), 120_000);
        const sampler = startSampler({ server: server.pid, driver: driver.pid }, 500);
        try {
          result = await driver.run<JourneysResult>(job, maxMs + 120_000);
        } finally {
          procs = sampler.stop();
        }
      } finally {
        await driver.stop();
      }
      const { samples: _q, ...queue } = monitor.stop();
      const { latency, ...journeys } = result;
      const server_ = procs.server!;
      steps.push({
        attendees, rampMs, helloWorld, checkEventCode, journeys,
        ...(latency && { latency: latencyResult(latency) }),
        server: withoutSamples(server_)!,
        driver: withoutSamples(procs.driver),
        rssSeries: server_.samples.filter((_, i) => i % 2 === 0).map((s) => ({ t: Math.round(s.t / 100) / 10, mb: Math.round(s.rssBytes / 1048576) })),
        queue,
      });
      const fails = Object.values(journeys.endpoints).reduce((s, e) => s + e.failures, 0);
      log(`  ${attendees} attendees: ${journeys.journeys.completed}/${attendees} journeys in ${(journeys.durationMs / 1000).toFixed(0)} s, ${fails} failed requests, peak RSS ${(server_.peakRssBytes / 1048576).toFixed(0)} MB, CPU ${server_.cpuAvgPercent.toFixed(0)}%`);
    }
    return { bcryptMsPerOp: bcryptMs, alone: alone.endpoints, idleLatency, selfieBytes: selfies.reduce((s, x) => s + x.bytes, 0) / selfies.length,
      journeySelfieBytes: journeySelfies.reduce((s, p) => s + statSync(p).size, 0) / journeySelfies.length, workers, steps };
  } finally {
    if (hello) await stopChild(hello, 5_000);
    await server.stop();
  }
}
