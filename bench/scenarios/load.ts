// 1. Attendee load (and 3. selfie to gallery): virtual attendees run the whole journey at each
// step (e.g. 30, 100, 300 at once) against one FindMe with its real limits, each phone from its
// own loopback address; at the latency step, the 5 fixture attendees time their selfie-to-gallery
// (as the phone app uploads it and as a 12 MP original, at once) in events that already hold
// their photos. Then the same journey by phones all behind 127.0.0.1 (one router, like the old
// service's Locust run from one machine). Baselines of the same run: a bare Fastify hello-world
// and FindMe's cheapest endpoint under the same closed-loop concurrency, and bcryptjs alone.
import bcrypt from 'bcryptjs';
import type { ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { BLOCKS, stepBlock } from '../lib/addresses.js';
import type { BenchOptions } from '../lib/args.js';
import { forkChild, nextMessage, stopChild } from '../lib/child.js';
import { runDriver } from '../lib/driver-client.js';
import type { JourneysJob, JourneysResult } from '../children/driver.js';
import { eventWithFixturePhotos } from '../lib/events.js';
import { appSelfie, distinctPhoneSelfies, expectedFixturePhotos, manifest, phoneSelfie, phoneSelfies } from '../lib/fixtures.js';
import type { LatencyJob } from '../lib/selfie-latency.js';
import { startFindMe, type FindMeServer } from '../lib/server-process.js';
import { latencyResult, runStep, type LatencyResult, type LoadStep } from './load-step.js';

export type { LatencyResult, LoadStep } from './load-step.js';

export interface LoadResult {
  bcryptMsPerOp: number;
  /** One attendee alone on the idle server: each endpoint's unloaded latency (the baseline). */
  alone: JourneysResult['endpoints'];
  /** Selfie to gallery on the idle server (the baseline of the figure under load). */
  idleLatency: LatencyResult;
  /** Mean size of the 12 MP phone selfies (selfie to gallery). */
  selfieBytes: number;
  /** Mean size of the probe's selfies as the phone app uploads them (1600 px). */
  appSelfieBytes?: number;
  /** Mean size of the journeys' selfies (1600 px, as the phone app uploads them; a face each). */
  journeySelfieBytes?: number;
  /** Each virtual phone sends from its own loopback address (127.B.x.y). */
  ownAddresses?: boolean;
  workers: number;
  steps: LoadStep[];
  /** The same journey by phones all behind 127.0.0.1 (one router), like a Locust run from one machine. */
  oneAddress?: LoadStep;
}

/** The probe's selfie variants, in the order of each person's `selfies`. */
export const VARIANTS = ['phone app, 1600 px', '12 MP original'];

/** Attendees arrive 10 per second: 300 in 30 s, all busy at once (a journey lasts longer). */
export const RAMP_MS_PER_ATTENDEE = 100;

export function bcryptMsPerOp(ops = 8): number {
  bcrypt.hashSync('warm up', 10);
  const t0 = performance.now();
  for (let i = 0; i < ops; i++) bcrypt.hashSync(`correct horse battery ${i}`, 10);
  return (performance.now() - t0) / ops;
}

type FixtureEvent = Awaited<ReturnType<typeof eventWithFixturePhotos>>;

/** The 5 fixture people's probe: their selfies per variant and their photos in `event`. */
async function probePeople(event: FixtureEvent): Promise<LatencyJob['people']> {
  return Promise.all(
    manifest.attendees.map(async (attendee) => ({
      attendee,
      selfies: [await appSelfie(attendee), await phoneSelfie(attendee)],
      expectedIds: expectedFixturePhotos(attendee)
        .map((n) => event.photoIds.get(n)!)
        .filter(Boolean),
    })),
  );
}

/** `count` events holding the fixture photos, each with every person's expected photo ids. */
async function probeEvents(server: FindMeServer, name: string, count: number, first?: FixtureEvent) {
  const out: NonNullable<LatencyJob['repEvents']> = [];
  for (let i = 0; i < count; i++) {
    const ev = i === 0 && first ? first : await eventWithFixturePhotos(server, `${name} ${i}`);
    out.push({ code: ev.code, expected: Object.fromEntries((await probePeople(ev)).map((p) => [p.attendee, p.expectedIds])) });
  }
  return out;
}

const meanBytes = (paths: string[]) => paths.reduce((s, p) => s + statSync(p).size, 0) / Math.max(1, paths.length);

export async function runLoad(opts: BenchOptions, log: (s: string) => void): Promise<LoadResult> {
  const selfies = await phoneSelfies(false);
  // Journeys: a face of their own each (faces handed out twice would be held for the operator).
  const journeySelfies = await distinctPhoneSelfies(Math.max(...opts.steps, opts.oneAddress, 1));
  const bcryptMs = bcryptMsPerOp();
  log(`  bcryptjs cost 10 alone: ${bcryptMs.toFixed(0)} ms per hash; phone selfies ${(selfies[0]!.bytes / 1e6).toFixed(1)} MB`);
  const server = await startFindMe({ realLimits: true });
  let hello: (ChildProcess & { output: () => string }) | undefined;
  try {
    const workers = (await server.admin('GET', '/api/admin/settings')).workers as number;
    const latencyEvent = await eventWithFixturePhotos(server, 'Bench selfie to gallery');
    const people = await probePeople(latencyEvent);
    const latencyJob: LatencyJob = {
      base: server.attendeeUrl,
      code: latencyEvent.code,
      people,
      variants: VARIANTS,
      addressBlock: BLOCKS.probeIdle,
      reps: 1,
      firstDelayMs: 0,
      intervalMs: 0,
      staggerMs: opts.quick ? 700 : 3000,
      timeoutMs: 60_000,
      pollMs: 200,
      repEvents: await probeEvents(server, 'Bench selfie to gallery idle', VARIANTS.length, latencyEvent),
    };
    const idle = await runDriver<JourneysResult>(
      {
        kind: 'journeys',
        base: server.attendeeUrl,
        code: latencyEvent.code,
        eventId: latencyEvent.id,
        attendees: 0,
        rampMs: 0,
        namePrefix: 'idle-',
        selfies: [],
        selfieTimeoutMs: 60_000,
        maxMs: 120_000,
        latency: latencyJob,
      },
      180_000,
    );
    const idleLatency = latencyResult(idle.latency ?? []);
    log(
      `  selfie to gallery on the idle server: ${Object.entries(idleLatency.variants ?? {})
        .map(([v, f]) => `${v} p50 ${f.total.p50.toFixed(0)} ms, p95 ${f.total.p95.toFixed(0)} ms (${f.complete}/${f.count})`)
        .join('; ')}`,
    );
    // A fresh event per step, so each step's first attendees of each face get the photos; the
    // lone baseline attendee uses the first step's event before that step starts.
    const stepEvents = new Map<string, FixtureEvent>();
    const eventFor = async (key: string) => {
      if (!stepEvents.has(key)) stepEvents.set(key, await eventWithFixturePhotos(server, `Bench load ${key}`));
      return stepEvents.get(key)!;
    };
    const aloneEvent = await eventFor(String(opts.steps[0]));
    const alone = await runDriver<JourneysResult>(
      {
        kind: 'journeys',
        base: server.attendeeUrl,
        code: aloneEvent.code,
        eventId: aloneEvent.id,
        attendees: 1,
        rampMs: 0,
        addressBlock: BLOCKS.alone,
        namePrefix: 'alone-',
        selfies: journeySelfies,
        selfieTimeoutMs: 60_000,
        maxMs: 120_000,
      },
      180_000,
    );
    hello = forkChild('children/hello-server.ts');
    const helloPort = (await nextMessage<{ type: string; port: number }>(hello, 'ready', 60_000)).port;
    const maxMs = (opts.quick ? 150 : 600) * 1000;
    const journeysJob = async (attendees: number, key: string, addressBlock: number | undefined): Promise<JourneysJob> => {
      const load = await eventFor(key);
      return {
        kind: 'journeys',
        base: server.attendeeUrl,
        code: load.code,
        eventId: load.id,
        attendees,
        rampMs: attendees * RAMP_MS_PER_ATTENDEE,
        namePrefix: `a${key}-`,
        selfies: journeySelfies,
        selfieTimeoutMs: 300_000,
        maxMs,
        ...(addressBlock && { addressBlock }),
      };
    };
    const logStep = (s: LoadStep, what: string) => {
      const fails = Object.values(s.journeys.endpoints).reduce((n, e) => n + e.failures, 0);
      log(
        `  ${what}: ${s.journeys.journeys.completed}/${s.attendees} journeys in ${(s.journeys.durationMs / 1000).toFixed(0)} s, ${fails} failed requests, peak RSS ${(s.server.peakRssBytes / 1048576).toFixed(0)} MB, CPU ${s.server.cpuAvgPercent.toFixed(0)}%`,
      );
    };

    const steps: LoadStep[] = [];
    for (const [position, attendees] of opts.steps.entries()) {
      const job = await journeysJob(attendees, String(attendees), stepBlock(position));
      if (attendees === opts.latencyStep) {
        const reps = opts.latencyReps;
        job.latency = {
          ...latencyJob,
          addressBlock: BLOCKS.probe,
          repEvents: await probeEvents(server, `Bench selfie to gallery ${attendees}`, reps * VARIANTS.length),
          reps,
          firstDelayMs: 2000,
          intervalMs: opts.quick ? 10_000 : 15_000,
          staggerMs: 1000,
          timeoutMs: 90_000,
        };
      }
      const step = await runStep(server, { job, maxMs, hammer: { helloUrl: `http://127.0.0.1:${helloPort}/`, seconds: opts.hammerSeconds } });
      steps.push(step);
      logStep(step, `${attendees} attendees`);
    }
    let oneAddress: LoadStep | undefined;
    if (opts.oneAddress) {
      oneAddress = await runStep(server, { job: await journeysJob(opts.oneAddress, `one-address-${opts.oneAddress}`, undefined), maxMs });
      logStep(oneAddress, `${opts.oneAddress} attendees behind 127.0.0.1`);
    }
    return {
      bcryptMsPerOp: bcryptMs,
      alone: alone.endpoints,
      idleLatency,
      selfieBytes: selfies.reduce((s, x) => s + x.bytes, 0) / selfies.length,
      appSelfieBytes: meanBytes(people.map((p) => p.selfies[0]!)),
      journeySelfieBytes: meanBytes(journeySelfies),
      ownAddresses: true,
      workers,
      steps,
      ...(oneAddress && { oneAddress }),
    };
  } finally {
    if (hello) await stopChild(hello, 5_000);
    await server.stop();
  }
}
