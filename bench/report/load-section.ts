// Report sections of the load scenario: 1. attendee load (each step, then the phones behind
// one address) and 3. selfie to gallery (per selfie variant).
import type { LatencyFigures, LatencyResult } from '../scenarios/load-step.js';
import type { LoadResult, LoadStep } from '../scenarios/load.js';
import { mb, ms, n0, pct, table, x } from './format.js';
import type { BenchReport } from './types.js';

export const failureText = (e: { failures: number; failedWith: Record<string, number> }) =>
  e.failures
    ? `**${e.failures}** (${Object.entries(e.failedWith)
        .map(([k, v]) => `${v}× ${k}`)
        .join(', ')})`
    : '0';

export function endpointTable(endpoints: LoadStep['journeys']['endpoints'], alone: LoadResult['alone']): string {
  const rows = Object.entries(endpoints).map(([name, e]) => [
    name,
    e.count,
    ms(e.avg),
    ms(e.p50),
    ms(e.p95),
    ms(e.p99),
    ms(e.max),
    failureText(e),
    ms(alone[name]?.p50),
    x(e.p95 / (alone[name]?.p50 ?? NaN)),
  ]);
  return table(['endpoint', 'count', 'avg', 'p50', 'p95', 'p99', 'max', 'failures', 'alone (baseline)', 'p95 ÷ alone'], rows);
}

function step(s: LoadStep, alone: LoadResult['alone']): string {
  const j = s.journeys.journeys;
  const reasons = Object.entries(j.failedBecause)
    .map(([k, v]) => `${v}× ${k}`)
    .join(', ');
  const requests = Object.values(s.journeys.endpoints).reduce((n, e) => n + e.count, 0);
  const failed = Object.values(s.journeys.endpoints).reduce((n, e) => n + e.failures, 0);
  const closedLoop =
    s.helloWorld && s.checkEventCode
      ? `| closed loop, ${s.attendees} connections (one address each): req/s | check-event-code ${n0(s.checkEventCode.rps)} | Fastify hello-world ${n0(s.helloWorld.rps)} | ${x(s.checkEventCode.rps / s.helloWorld.rps)} |
| closed loop p95 | ${ms(s.checkEventCode.latency.p95)} | ${ms(s.helloWorld.latency.p95)} | ${x(s.checkEventCode.latency.p95 / s.helloWorld.latency.p95)} |
`
      : '';
  const title = s.oneAddress ? `### ${s.attendees} attendees behind one address (127.0.0.1)` : `### ${s.attendees} attendees at once`;
  const intro = s.oneAddress
    ? `The old service's own load test: ${s.attendees} users doing the same journey from one machine (like a Locust run), so FindMe sees one client address, as with phones behind one router (NAT). Finish line: 0 failed requests (the old service's was under 1 %) and p95 under 5 s. **${failed} of ${requests} requests failed (${pct((failed / Math.max(1, requests)) * 100)})**, by endpoint and status in the table.\n\n`
    : '';
  return `${title}

${intro}Ramp: ${s.attendees} attendees started over ${(s.rampMs / 1000).toFixed(1)} s. Journeys completed: ${j.completed}/${j.started}${reasons ? ` (stopped: ${reasons})` : ''} in ${(s.journeys.durationMs / 1000).toFixed(0)} s; ${j.withPhotos} had photos in their gallery, ${j.thumbs} thumbnails fetched.

${endpointTable(s.journeys.endpoints, alone)}

| | FindMe | baseline | ratio |
| --- | --- | --- | --- |
${closedLoop}| server CPU avg / peak (100 % = 1 core) | ${pct(s.server.cpuAvgPercent)} / ${pct(s.server.cpuPeakPercent)} | load driver ${pct(s.driver?.cpuAvgPercent)} | |
| server RSS peak | ${mb(s.server.peakRssBytes)} | first sample ${mb(s.rssSeries[0] ? s.rssSeries[0].mb * 1048576 : undefined)} | ${s.rssSeries[0] ? x(s.server.peakRssBytes / 1048576 / s.rssSeries[0].mb) : '–'} |
| job queue peak / event-loop p99 max / max | ${s.queue.peakQueued} / ${ms(s.queue.eventLoopP99MaxMs)} / ${ms(s.queue.eventLoopMaxMs)} | | |`;
}

const latencyRow = (label: string, f: LatencyFigures, idle: LatencyFigures | undefined) =>
  `| ${label} | ${ms(f.total.p50)} | ${ms(f.total.p95)} | ${ms(f.total.max)} | ${f.complete}/${f.count} | ${ms(f.upload.p95)} | ${idle ? x(f.total.p95 / idle.total.p95) : '–'} |`;

function latencySection(l: LoadResult, lat: LoadStep & { latency: LatencyResult }): string {
  const variants = Object.keys(lat.latency.variants ?? {});
  const rows = variants.length
    ? variants.flatMap((v) => {
        const idle = l.idleLatency.variants?.[v];
        return [
          ...(idle ? [latencyRow(`${v}: idle server (baseline)`, idle, undefined)] : []),
          latencyRow(`${v}: under ${lat.attendees} attendees`, lat.latency.variants![v]!, idle),
        ];
      })
    : [latencyRow('idle server (baseline)', l.idleLatency, undefined), latencyRow(`under ${lat.attendees} attendees`, lat.latency, l.idleLatency)];
  const sizes = l.appSelfieBytes
    ? `the selfie as the phone app uploads it (shrunk to 1600 px, JPEG 0.85: ${(l.appSelfieBytes / 1e6).toFixed(2)} MB on average) and, at the same time from a second phone in another event, the camera's 12 MP original (${(l.selfieBytes / 1e6).toFixed(1)} MB)`
    : `a ${(l.selfieBytes / 1e6).toFixed(1)} MB phone selfie`;
  return `## 3. Selfie to gallery

The 5 fixture attendees register in events that already hold their photos (one event per
repetition and variant), upload ${sizes}, and poll \`/api/my-photos\` (every 200 ms) until every
photo they are in is there; timed from the start of the upload; then the account is deleted.
Each upload is a phone of its own address. Under load, the first repetition starts 2 s into the
step, while the step's attendees arrive (10 a second, each uploading its own 1600 px selfie).

| | p50 | p95 | max | complete | upload p95 | p95 ÷ idle |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Samples under load (started at, attendee, variant, ms): ${lat.latency.samples.map((s) => `${(s.startedAtMs / 1000).toFixed(0)} s ${s.attendee}${s.variant ? ` (${s.variant.split(',')[0]})` : ''} ${Math.round(s.totalMs)}${s.complete ? '' : ` (incomplete ${s.found}/${s.expected}${s.error ? `, ${s.error}` : ''})`}`).join('; ')}.`;
}

export function loadSection(r: BenchReport): string {
  const l = r.load;
  if (!l) return '';
  const lat = l.steps.find((s) => s.latency) as (LoadStep & { latency: LatencyResult }) | undefined;
  const selfie = l.journeySelfieBytes
    ? `a ${(l.journeySelfieBytes / 1e6).toFixed(2)} MB 1600 px selfie of a face of its own (as the phone app sends it)`
    : `a ${(l.selfieBytes / 1e6).toFixed(1)} MB 12 MP selfie`;
  const addresses = l.ownAddresses
    ? `**Each virtual phone sends from its own address** (127.B.x.y on the loopback; Linux routes all of 127.0.0.0/8 to lo), so FindMe runs with its real per-address limits (64 sockets per address, availability 60/min, register 20/min, login 30/min, gallery 300/min, selfie 20/min): none is raised.`
    : 'Every virtual phone sends from 127.0.0.1; FindMe runs with its per-address limits raised.';
  return `## 1. Attendee load

Each virtual attendee (one Node process, node:http with at most 6 keep-alive connections per phone)
checks the event code, checks availability, registers, uploads ${selfie}, polls \`/api/me\` every
second until it is accepted, opens the gallery and its thumbnails 3 times with 1–3 s think
time, logs out, logs in and opens the gallery again. ${addresses} FindMe runs in its own process with
${l.workers} image workers and bcrypt cost 10 (bcryptjs alone here: ${ms(l.bcryptMsPerOp)} per hash). The
event holds the 15 fixture photos; attendees with the same face share the photos (a face goes
to its nearest attendee), so most galleries are empty and few thumbnails are fetched.

Baselines: "alone" is the median of each endpoint for one attendee running the same journey on
the idle server just before the steps; the closed-loop rows compare FindMe's cheapest endpoint
with a bare Fastify hello-world at the same number of connections.

${[...l.steps, ...(l.oneAddress ? [l.oneAddress] : [])].map((s) => step(s, l.alone)).join('\n\n')}

${lat ? latencySection(l, lat) : ''}`;
}
