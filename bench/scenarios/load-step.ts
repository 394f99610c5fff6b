// One step of the load scenario: in a fresh driver process, the two closed-loop baselines
// (a bare Fastify hello-world and FindMe's cheapest endpoint, each connection from its own
// address), then the attendees' journeys (with the selfie-to-gallery probe at the latency
// step), sampling FindMe's CPU, RSS, job queue and event loop meanwhile.
import { BLOCKS } from '../lib/addresses.js';
import { startDriver } from '../lib/driver-client.js';
import type { JourneysJob, JourneysResult } from '../children/driver.js';
import type { HammerResult } from '../lib/hammer.js';
import { startMonitor, type MonitorResult } from '../lib/monitor.js';
import { startSampler, withoutSamples, type ProcStats } from '../lib/proc-sampler.js';
import type { LatencySample } from '../lib/selfie-latency.js';
import type { FindMeServer } from '../lib/server-process.js';
import { summarize, type Summary } from '../lib/stats.js';

export interface LoadStep {
  attendees: number;
  /** Every phone behind one address (127.0.0.1), as from one router; otherwise one address each. */
  oneAddress?: boolean;
  rampMs: number;
  helloWorld?: HammerResult;
  checkEventCode?: HammerResult;
  journeys: Omit<JourneysResult, 'latency'>;
  latency?: LatencyResult;
  server: Omit<ProcStats, 'samples'>;
  driver?: Omit<ProcStats, 'samples'>;
  rssSeries: { t: number; mb: number }[];
  queue: Omit<MonitorResult, 'samples'>;
}

export interface LatencyFigures {
  total: Summary;
  upload: Summary;
  complete: number;
  count: number;
}

export interface LatencyResult extends LatencyFigures {
  samples: LatencySample[];
  /** The same figures per selfie variant (as the phone app uploads it; the 12 MP original). */
  variants?: Record<string, LatencyFigures>;
}

// An incomplete sample counts with the time it waited (a lower bound).
const figures = (samples: LatencySample[]): LatencyFigures => ({
  total: summarize(samples.filter((s) => !s.error).map((s) => s.totalMs)),
  upload: summarize(samples.map((s) => s.uploadMs)),
  complete: samples.filter((s) => s.complete).length,
  count: samples.length,
});

export function latencyResult(samples: LatencySample[]): LatencyResult {
  const names = [...new Set(samples.map((s) => s.variant).filter((v): v is string => !!v))];
  return { samples, ...figures(samples), variants: Object.fromEntries(names.map((n) => [n, figures(samples.filter((s) => s.variant === n))])) };
}

export interface StepPlan {
  job: JourneysJob;
  /** The closed-loop baselines at this many connections (skipped when undefined). */
  hammer?: { helloUrl: string; seconds: number };
  maxMs: number;
}

export async function runStep(server: FindMeServer, plan: StepPlan): Promise<LoadStep> {
  const { job } = plan;
  const hammerJob = (url: string) => ({
    kind: 'hammer' as const,
    url,
    concurrency: job.attendees,
    durationMs: plan.hammer!.seconds * 1000,
    maxRequests: 1_000_000,
    addressBlock: BLOCKS.hammer,
  });
  const driver = await startDriver();
  const monitor = startMonitor(server.adminUrl, server.adminToken);
  let procs: Record<string, ProcStats>;
  let result: JourneysResult;
  let helloWorld: HammerResult | undefined;
  let checkEventCode: HammerResult | undefined;
  try {
    if (plan.hammer) {
      helloWorld = await driver.run<HammerResult>(hammerJob(plan.hammer.helloUrl), 120_000);
      checkEventCode = await driver.run<HammerResult>(hammerJob(`${server.attendeeUrl}/api/check-event-code?code=${job.code}`), 120_000);
    }
    const sampler = startSampler({ server: server.pid, driver: driver.pid }, 500);
    try {
      result = await driver.run<JourneysResult>(job, plan.maxMs + 120_000);
    } finally {
      procs = sampler.stop();
    }
  } finally {
    await driver.stop();
  }
  const { samples: _q, ...queue } = monitor.stop();
  const { latency, ...journeys } = result;
  const srv = procs.server!;
  return {
    attendees: job.attendees,
    ...(!job.addressBlock && { oneAddress: true }),
    rampMs: job.rampMs,
    ...(helloWorld && { helloWorld }),
    ...(checkEventCode && { checkEventCode }),
    journeys,
    ...(latency && { latency: latencyResult(latency) }),
    server: withoutSamples(srv)!,
    driver: withoutSamples(procs.driver),
    rssSeries: srv.samples.filter((_, i) => i % 2 === 0).map((s) => ({ t: Math.round(s.t / 100) / 10, mb: Math.round(s.rssBytes / 1048576) })),
    queue,
  };
}
