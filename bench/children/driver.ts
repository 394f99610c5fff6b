// The load generator, in its own process (forked by the benchmark): runs one job sent over IPC
// (closed-loop "hammer" baseline, or attendee journeys with an optional selfie-to-gallery
// measurement) and sends the result back. Talks only to 127.0.0.1.
import { readFileSync } from 'node:fs';
import { loopback } from '../lib/addresses.js';
import { browseGalleries, type BrowseJob } from '../lib/browse.js';
import { sendToParent, type Message } from '../lib/child.js';
import { hammer, type HammerJob } from '../lib/hammer.js';
import { journey, type JourneyContext, type JourneyOutcome } from '../lib/journey.js';
import { Recorder } from '../lib/recorder.js';
import { measureSelfieToGallery, type LatencyJob } from '../lib/selfie-latency.js';

export interface JourneysJob {
  kind: 'journeys';
  base: string;
  code: string;
  eventId: string;
  attendees: number;
  /** Attendees start evenly over this time. */
  rampMs: number;
  namePrefix: string;
  selfies: string[];
  selfieTimeoutMs: number;
  /** Nothing new is sent after this many ms. */
  maxMs: number;
  /** Return visits until this many ms (soak). */
  soakMs?: number;
  latency?: LatencyJob;
  /** Attendee i sends from loopback(addressBlock, i); without it, all from 127.0.0.1 (one router). */
  addressBlock?: number;
}

export type DriverJob = HammerJob | JourneysJob | BrowseJob;

async function journeys(job: JourneysJob) {
  const start = Date.now();
  const deadline = start + job.maxMs;
  const rec = new Recorder();
  const ctx: JourneyContext = {
    base: job.base,
    code: job.code,
    eventId: job.eventId,
    rec,
    selfies: job.selfies.map((p) => new Blob([readFileSync(p)], { type: 'image/jpeg' })),
    selfieTimeoutMs: job.selfieTimeoutMs,
    deadline,
    ...(job.soakMs && { soakUntil: start + job.soakMs }),
    ...(job.addressBlock && { addressOf: (i: number) => loopback(job.addressBlock!, i) }),
  };
  const latency = job.latency ? measureSelfieToGallery({ ...job.latency, base: job.base }, start, deadline) : Promise.resolve(undefined);
  const outcomes: JourneyOutcome[] = await Promise.all(
    Array.from({ length: job.attendees }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (job.rampMs * i) / job.attendees));
      return journey(ctx, i, `${job.namePrefix}${i}`);
    }),
  );
  const failedBecause: Record<string, number> = {};
  for (const o of outcomes) if (!o.ok) failedBecause[o.reason ?? '?'] = (failedBecause[o.reason ?? '?'] ?? 0) + 1;
  const accepted = outcomes.map((o) => o.selfieAcceptedMs).filter((v): v is number => v !== undefined);
  // Selfies accepted per second, from the first upload to the last acceptance (polled each second).
  const uploads = outcomes.map((o) => o.selfieUploadAt).filter((v): v is number => v !== undefined);
  const acceptances = outcomes.map((o) => o.selfieAcceptedAt).filter((v): v is number => v !== undefined);
  const selfieWindowMs = acceptances.length ? Math.max(...acceptances) - Math.min(...uploads) : NaN;
  return {
    durationMs: Date.now() - start,
    endpoints: rec.summary(),
    journeys: {
      started: outcomes.length,
      completed: outcomes.filter((o) => o.ok).length,
      failedBecause,
      withPhotos: outcomes.filter((o) => o.galleryPhotos > 0).length,
      thumbs: outcomes.reduce((s, o) => s + o.thumbs, 0),
      returnVisits: outcomes.reduce((s, o) => s + o.returnVisits, 0),
      selfieAcceptedMs: accepted,
      selfiesPerSecond: acceptances.length / (selfieWindowMs / 1000),
    },
    latency: await latency,
  };
}
export type JourneysResult = Awaited<ReturnType<typeof journeys>>;

process.on('message', (m: Message) => {
  if (m.type === 'stop') process.exit(0);
  if (m.type !== 'run') return;
  const job = m.job as DriverJob;
  (job.kind === 'hammer' ? hammer(job) : job.kind === 'browse' ? browseGalleries(job) : journeys(job))
    .then((result) => sendToParent({ type: 'result', result }))
    .catch((err: unknown) => sendToParent({ type: 'error', message: (err as Error).stack ?? String(err) }));
});
process.on('disconnect', () => process.exit(0));
sendToParent({ type: 'ready', pid: process.pid });
