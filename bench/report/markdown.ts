// The Markdown report: the machine, the targets (PASS/MISS with the same-run baseline and the
// ratio), then one section per scenario.
import type { LoadResult, LoadStep } from '../scenarios/load.js';
import { mb, ms, n0, pct, table, x } from './format.js';
import { frontendSection, ingestSection, soakSection } from './sections.js';
import type { BenchReport } from './types.js';

function header(r: BenchReport): string {
  const m = r.machine;
  return `# FindMe benchmark — ${r.startedAt.slice(0, 10)} (${r.mode})

\`${r.command}\` · ${r.startedAt} · ${Math.floor(r.durationSeconds / 60)} min ${Math.round(r.durationSeconds % 60)} s

| machine | |
| --- | --- |
| OS | ${m.os} |
| CPU | ${m.cpuModel}, ${m.cores} cores |
| memory | ${(m.memoryBytes / 1024 ** 3).toFixed(1)} GB |
| Node.js | ${m.node} |
| load average (1/5/15 min) at start → end | ${m.loadAverageAtStart.join(' / ')} → ${m.loadAverageAtEnd.join(' / ')} |

The machine is shared and noisy: every figure has a baseline measured in the same run, and the
ratio to it. Targets are goals of the benchmark, not assertions of the test suite.`;
}

function targets(r: BenchReport): string {
  if (!r.targets.length) return '';
  const rows = r.targets.map((t) => [t.status === 'PASS' ? '**PASS**' : t.status === 'MISS' ? '**MISS**' : 'n/a', t.target, t.measured, t.baseline]);
  const notes = r.targets.filter((t) => t.note).map((t) => `- **${t.target}** — ${t.note}`);
  return `## Targets\n\n${table(['result', 'target', 'measured', 'baseline (same run) and ratio'], rows)}${notes.length ? `\n\nNotes — the bottleneck measured for each miss, and what would move it:\n\n${notes.join('\n')}` : ''}`;
}

function step(s: LoadStep, alone: LoadResult['alone']): string {
  const rows = Object.entries(s.journeys.endpoints).map(([name, e]) => [
    name, e.count, ms(e.avg), ms(e.p50), ms(e.p95), ms(e.p99), ms(e.max), e.failures ? `**${e.failures}** (${Object.entries(e.failedWith).map(([k, v]) => `${v}× ${k}`).join(', ')})` : '0',
    ms(alone[name]?.p50), x(e.p95 / (alone[name]?.p50 ?? NaN)),
  ]);
  const j = s.journeys.journeys;
  const reasons = Object.entries(j.failedBecause).map(([k, v]) => `${v}× ${k}`).join(', ');
  return `### ${s.attendees} attendees at once

Ramp: ${s.attendees} attendees started over ${(s.rampMs / 1000).toFixed(1)} s. Journeys completed: ${j.completed}/${j.started}${reasons ? ` (stopped: ${reasons})` : ''} in ${(s.journeys.durationMs / 1000).toFixed(0)} s; ${j.withPhotos} had photos in their gallery, ${j.thumbs} thumbnails fetched.

${table(['endpoint', 'count', 'avg', 'p50', 'p95', 'p99', 'max', 'failures', 'alone (baseline)', 'p95 ÷ alone'], rows)}

| | FindMe | baseline | ratio |
| --- | --- | --- | --- |
| closed loop, ${s.attendees} connections: req/s | check-event-code ${n0(s.checkEventCode.rps)} | Fastify hello-world ${n0(s.helloWorld.rps)} | ${x(s.checkEventCode.rps / s.helloWorld.rps)} |
| closed loop p95 | ${ms(s.checkEventCode.latency.p95)} | ${ms(s.helloWorld.latency.p95)} | ${x(s.checkEventCode.latency.p95 / s.helloWorld.latency.p95)} |
| server CPU avg / peak (100 % = 1 core) | ${pct(s.server.cpuAvgPercent)} / ${pct(s.server.cpuPeakPercent)} | load driver ${pct(s.driver?.cpuAvgPercent)} | |
| server RSS peak | ${mb(s.server.peakRssBytes)} | first sample ${mb(s.rssSeries[0] ? s.rssSeries[0].mb * 1048576 : undefined)} | ${s.rssSeries[0] ? x(s.server.peakRssBytes / 1048576 / s.rssSeries[0].mb) : '–'} |
| job queue peak / event-loop p99 max / max | ${s.queue.peakQueued} / ${ms(s.queue.eventLoopP99MaxMs)} / ${ms(s.queue.eventLoopMaxMs)} | | |`;
}

function load(r: BenchReport): string {
  const l = r.load;
  if (!l) return '';
  const lat = l.steps.find((s) => s.latency);
  const latency = lat?.latency
    ? `## 3. Selfie to gallery

The 5 fixture attendees register in a second event that already holds their photos, upload a
${(l.selfieBytes / 1e6).toFixed(1)} MB phone selfie and poll \`/api/my-photos\` (every 200 ms) until every photo they
are in is there; timed from the start of the upload; then the account is deleted and the next
repetition starts.

| | p50 | p95 | max | complete | upload p95 |
| --- | --- | --- | --- | --- | --- |
| idle server (baseline) | ${ms(l.idleLatency.total.p50)} | ${ms(l.idleLatency.total.p95)} | ${ms(l.idleLatency.total.max)} | ${l.idleLatency.complete}/${l.idleLatency.samples.length} | ${ms(l.idleLatency.upload.p95)} |
| under ${lat.attendees} attendees | ${ms(lat.latency.total.p50)} | ${ms(lat.latency.total.p95)} | ${ms(lat.latency.total.max)} | ${lat.latency.complete}/${lat.latency.samples.length} | ${ms(lat.latency.upload.p95)} |
| ratio | ${x(lat.latency.total.p50 / l.idleLatency.total.p50)} | ${x(lat.latency.total.p95 / l.idleLatency.total.p95)} | | | |

Samples under load (started at, attendee, ms): ${lat.latency.samples.map((s) => `${(s.startedAtMs / 1000).toFixed(0)} s ${s.attendee} ${Math.round(s.totalMs)}${s.complete ? '' : ` (incomplete ${s.found}/${s.expected}${s.error ? `, ${s.error}` : ''})`}`).join('; ')}.`
    : '';
  return `## 1. Attendee load

Each virtual attendee (one Node process, fetch/undici, 127.0.0.1 only) checks the event code,
checks availability, registers, uploads ${l.journeySelfieBytes ? `a ${(l.journeySelfieBytes / 1e6).toFixed(2)} MB 1600 px selfie of a face of its own (as the phone app sends it)` : `a ${(l.selfieBytes / 1e6).toFixed(1)} MB 12 MP selfie`}, polls \`/api/me\` every
second until it is accepted, opens the gallery and its thumbnails 3 times with 1–3 s think
time, logs out, logs in and opens the gallery again. FindMe runs in its own process with
${l.workers} image workers and bcrypt cost 10 (bcryptjs alone here: ${ms(l.bcryptMsPerOp)} per hash). The
event holds the 15 fixture photos; attendees with the same face share the photos (a face goes
to its nearest attendee), so most galleries are empty and few thumbnails are fetched.

Baselines: "alone" is the median of each endpoint for one attendee running the same journey on
the idle server just before the steps; the closed-loop rows compare FindMe's cheapest endpoint
with a bare Fastify hello-world at the same number of connections.

${l.steps.map((s) => step(s, l.alone)).join('\n\n')}

${latency}`;
}

export function renderMarkdown(r: BenchReport): string {
  const errors = r.errors.length ? `## Errors\n\n${r.errors.map((e) => `- ${e.scenario}: ${e.message.split('\n')[0]}`).join('\n')}` : '';
  return [header(r), targets(r), load(r), ingestSection(r), soakSection(r), frontendSection(r), errors, howToRead()].filter(Boolean).join('\n\n') + '\n';
}

function howToRead(): string {
  return `## How to read this

- Times are wall-clock on 127.0.0.1; the load driver shares the CPU with FindMe (its CPU use is shown).
- p50/p95/p99 are nearest-rank percentiles of every request of that endpoint in that step.
- RSS is /proc/<pid>/status VmRSS of the FindMe process (all its threads: image workers, bcrypt, logger); CPU is utime + stime from /proc/<pid>/stat, 100 % = one core.
- The inference floor runs the same face model on the same photos, already decoded to ≤1600 px, with nothing else around it; the ingest ratio is wall time ÷ that floor.
- The JSON next to this file holds every figure, including per-second series.`;
}
