// Targets of the phones' side: selfie to gallery per selfie variant, the phones behind one
// address (the old service's own load test) and the real galleries. PASS or MISS each, with the
// baseline of the same run and, for a miss, what the figures point at.
import type { LoadStep } from '../scenarios/load.js';
import { ms, pct, s1, x } from './format.js';
import type { BenchReport, TargetRow } from './types.js';

export function cpuNote(step: Pick<LoadStep, 'server' | 'driver' | 'queue'>): string {
  const driver = step.driver ? `, load driver ${pct(step.driver.cpuAvgPercent)}` : '';
  return `server CPU ${pct(step.server.cpuAvgPercent)} avg / ${pct(step.server.cpuPeakPercent)} peak of 200 %${driver}; event-loop p99 up to ${ms(step.queue.eventLoopP99MaxMs)}, max ${ms(step.queue.eventLoopMaxMs)}; job queue peak ${step.queue.peakQueued}`;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
}

type Endpoints = LoadStep['journeys']['endpoints'];
/** Requests and failures over a step's endpoints. */
export const totals = (eps: Endpoints) =>
  Object.values(eps).reduce((t, e) => ({ count: t.count + e.count, failures: t.failures + e.failures }), { count: 0, failures: 0 });
/** What the failures were, endpoint by endpoint (`register: 10× 429 rate_limited`). */
export const causes = (eps: Endpoints) =>
  Object.entries(eps)
    .filter(([, e]) => e.failures)
    .map(
      ([n, e]) =>
        `${n}: ${Object.entries(e.failedWith)
          .map(([k, v]) => `${v}× ${k}`)
          .join(', ')}`,
    )
    .join('; ');
const p95s = (eps: Endpoints, names?: string[]) =>
  Object.entries(eps)
    .filter(([n]) => !names || names.includes(n))
    .map(([n, e]) => `${n} ${ms(e.p95)}`)
    .join(', ');

/** Selfie to gallery under the burst, one row per selfie variant (p95 < 3 s). */
export function selfieRows(r: BenchReport): TargetRow[] {
  const lat = r.load?.steps.find((s) => s.latency);
  if (!lat?.latency) return [];
  const l = lat.latency;
  const variants = l.variants && Object.keys(l.variants).length ? Object.entries(l.variants) : [['selfie', l] as const];
  const j = lat.journeys.journeys;
  return variants.map(([name, f]) => {
    const idle = r.load!.idleLatency.variants?.[name] ?? r.load!.idleLatency;
    const ok = f.total.p95 < 3000 && f.complete === f.count;
    return {
      id: `selfie-gallery-${name.startsWith('12') ? 'original' : 'app'}`,
      target: `selfie to gallery p95 < 3 s at ${lat.attendees} attendees (${lat.attendees} selfies in ${s1(lat.rampMs)}): ${name}`,
      measured: `p50 ${ms(f.total.p50)}, p95 ${ms(f.total.p95)} (${f.complete}/${f.count} complete)`,
      baseline: `idle server p95 ${ms(idle.total.p95)} (${x(f.total.p95 / idle.total.p95)})`,
      status: ok ? 'PASS' : 'MISS',
      ...(!ok && {
        note: `selfies wait in one queue behind the other attendees' selfies: ${lat.attendees} arrived in ${s1(lat.rampMs)} (${(lat.attendees / (lat.rampMs / 1000)).toFixed(0)}/s, 1600 px each) while ${r.load!.workers} workers accepted ${j.selfiesPerSecond.toFixed(1)}/s; the virtual attendees' selfies were accepted after p50 ${ms(median(j.selfieAcceptedMs))}. The upload itself: p95 ${ms(f.upload.p95)}. ${cpuNote(lat)}. A burst faster than the service rate can only queue: selfie throughput (a lighter detector for one large face, selfies ahead of photos) or more cores move it.`,
      }),
    };
  });
}

/** The phones behind one address: 0 failed requests (the old finish line: < 1 %) and p95 < 5 s. */
export function oneAddressRows(r: BenchReport): TargetRow[] {
  const s = r.load?.oneAddress;
  if (!s) return [];
  const eps = s.journeys.endpoints;
  const t = totals(eps);
  const slow = Object.entries(eps).filter(([, e]) => e.p95 >= 5000);
  const ownStep = r.load!.steps.find((st) => st.attendees === s.attendees) ?? r.load!.steps[0];
  const own = ownStep ? totals(ownStep.journeys.endpoints) : undefined;
  const baseline = own ? `${ownStep!.attendees} attendees, one address each: ${own.failures} failed of ${own.count}` : '–';
  return [
    {
      id: 'one-address-failures',
      target: `${s.attendees} attendees behind one address (127.0.0.1): 0 failed requests (old finish line < 1 %)`,
      measured: `${t.failures} failed of ${t.count} (${pct((t.failures / Math.max(1, t.count)) * 100)}); journeys ${s.journeys.journeys.completed}/${s.attendees}`,
      baseline,
      status: t.failures === 0 ? 'PASS' : 'MISS',
      ...(t.failures && {
        note: `${causes(eps)}. FindMe's per-address limits count the ${s.attendees} phones as one client (register 20/min, login 30/min, availability 60/min, gallery 300/min, 64 sockets per address, all per address), so a venue whose phones share one public address (one router, NAT) meets the limits that a single abuser would. ${cpuNote(s)}.`,
      }),
    },
    {
      id: 'one-address-p95',
      target: `${s.attendees} attendees behind one address: p95 < 5 s on every endpoint`,
      measured: slow.length
        ? slow.map(([n, e]) => `${n} ${ms(e.p95)}`).join(', ')
        : `worst ${p95s(
            Object.fromEntries(
              Object.entries(eps)
                .sort((a, b) => b[1].p95 - a[1].p95)
                .slice(0, 1),
            ),
          )}`,
      baseline: `one attendee alone: ${p95s(
        Object.fromEntries(
          Object.entries(r.load!.alone)
            .sort((a, b) => b[1].p95 - a[1].p95)
            .slice(0, 1),
        ),
      )}`,
      status: slow.length ? 'MISS' : 'PASS',
    },
  ];
}

const GALLERY_FAST = ['photo-thumb', 'my-photos'];

/** Real galleries: 0 failed requests; thumbnails and my-photos p95 < 300 ms. */
export function galleriesRows(r: BenchReport): TargetRow[] {
  const g = r.galleries;
  if (!g) return [];
  const eps = g.run.endpoints;
  const t = totals(eps);
  const slow = GALLERY_FAST.filter((n) => (eps[n]?.p95 ?? Infinity) >= 300);
  const label = `real galleries, ${g.run.attendees} attendees × ${g.seeded.gallerySizes.min}–${g.seeded.gallerySizes.max} photos (${g.seeded.photos} photos)`;
  const note = `${cpuNote({ ...g, queue: { ...g.queue, peakQueued: 0 } })}; server peak RSS ${Math.round(g.server.peakRssBytes / 1048576)} MB`;
  return [
    {
      id: 'galleries-failures',
      target: `${label}: 0 failed requests`,
      measured: `${t.failures} failed of ${t.count}`,
      baseline: `one attendee alone: ${totals(g.alone.endpoints).failures} failed of ${totals(g.alone.endpoints).count}`,
      status: t.failures === 0 ? 'PASS' : 'MISS',
      ...(t.failures && { note: `${causes(eps)}. ${note}.` }),
    },
    {
      id: 'galleries-p95',
      target: `${label}: thumbnails and my-photos p95 < 300 ms`,
      measured: p95s(eps, GALLERY_FAST),
      baseline: GALLERY_FAST.map((n) => `${n} alone ${ms(g.alone.endpoints[n]?.p50)} (${x((eps[n]?.p95 ?? NaN) / (g.alone.endpoints[n]?.p50 ?? NaN))})`).join(
        ', ',
      ),
      status: slow.length ? 'MISS' : 'PASS',
      ...(slow.length && { note: `${note}; other endpoints: ${p95s(eps, ['login', 'photo-preview', 'photo-original'])}.` }),
    },
  ];
}
