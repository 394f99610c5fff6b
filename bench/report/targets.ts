// The targets of the benchmark (never assertions of the test suite): PASS or MISS each, with
// the baseline of the same run and, for a miss, the bottleneck the figures point at.
import type { FloorResult } from '../lib/floor.js';
import type { IngestRun } from '../scenarios/ingest.js';
import type { LoadStep } from '../scenarios/load.js';
import { mb, ms, pct, s1, x } from './format.js';
import { causes, cpuNote, galleriesRows, oneAddressRows, selfieRows, totals } from './targets-phones.js';
import type { BenchReport, TargetRow } from './types.js';

const EXEMPT = new Set(['upload-selfie', 'login', 'register']);
const GB1 = 1024 ** 3;

function bigStep(r: BenchReport, want: number): { step: LoadStep; label: string } | undefined {
  const steps = r.load?.steps ?? [];
  const step = steps.find((s) => s.attendees === want) ?? steps[steps.length - 1];
  if (!step) return undefined;
  return { step, label: step.attendees === want ? `${want} attendees` : `${step.attendees} attendees (stand-in for ${want})` };
}

export function evaluateTargets(r: BenchReport): TargetRow[] {
  const rows: TargetRow[] = [];
  const load = bigStep(r, 300);
  if (load) {
    const { step, label } = load;
    const eps = Object.entries(step.journeys.endpoints);
    const { count, failures } = totals(step.journeys.endpoints);
    rows.push({
      id: 'load-failures',
      target: `${label}: 0 failed requests`,
      measured: `${failures} failed of ${count}`,
      baseline:
        step.helloWorld && step.checkEventCode
          ? `hello-world at ${step.attendees} conns: ${step.helloWorld.errors} errors; FindMe check-event-code ${step.checkEventCode.rps.toFixed(0)} req/s = ${x(step.checkEventCode.rps / step.helloWorld.rps)} of hello-world`
          : '–',
      status: failures === 0 ? 'PASS' : 'MISS',
      ...(failures && { note: `${causes(step.journeys.endpoints)}. ${cpuNote(step)}.` }),
    });
    const slow = eps.filter(([n, e]) => !EXEMPT.has(n) && e.p95 >= 500);
    const worst = eps.filter(([n]) => !EXEMPT.has(n)).sort((a, b) => b[1].p95 - a[1].p95)[0];
    rows.push({
      id: 'load-p95',
      target: `${label}: p95 < 500 ms on every endpoint but selfie upload, login, register`,
      measured: slow.length ? slow.map(([n, e]) => `${n} ${ms(e.p95)}`).join(', ') : `worst ${worst?.[0]} ${ms(worst?.[1].p95)}`,
      baseline: worst ? `${worst[0]} alone ${ms(r.load!.alone[worst[0]]?.p50)} (${x(worst[1].p95 / (r.load!.alone[worst[0]]?.p50 ?? NaN))})` : '–',
      status: slow.length === 0 ? 'PASS' : 'MISS',
      ...(slow.length && {
        note: `${cpuNote(step)}. The selfie jobs of all attendees (face model in ${r.load?.workers} worker threads) and bcrypt share the ${r.machine.cores} cores with the event loop.`,
      }),
    });
    const auth = ['login', 'register'].map((n) => [n, step.journeys.endpoints[n]] as const).filter(([, e]) => e);
    const authSlow = auth.filter(([, e]) => e!.p95 >= 1500);
    const bc = r.load!.bcryptMsPerOp;
    const arrivals = step.attendees / (step.rampMs / 1000);
    const capacity = (2 * 1000) / bc;
    rows.push({
      id: 'load-auth',
      target: `${label}: login/register p95 < 1.5 s at bcrypt cost 10`,
      measured: auth.map(([n, e]) => `${n} ${ms(e!.p95)}`).join(', '),
      baseline: `bcrypt alone ${ms(bc)} (${auth.map(([n, e]) => `${n} ${x(e!.p95 / bc)}`).join(', ')})`,
      status: authSlow.length === 0 && auth.length ? 'PASS' : 'MISS',
      ...(authSlow.length && {
        note: `registrations arrive at ${arrivals.toFixed(0)}/s during the ramp; alone, the 2-thread bcrypt lane would do ${capacity.toFixed(0)} hashes/s at ${ms(bc)} each. The scheduler holds one image slot back while passwords wait, but an image job already running is not interrupted, and the image worker left, bcrypt's threads and the event loop share the ${r.machine.cores} cores through the selfie backlog (queue peak ${step.queue.peakQueued}): ${cpuNote(step)}; machine load average ${r.machine.loadAverageAtStart.join(' / ')} at start → ${r.machine.loadAverageAtEnd.join(' / ')} at end (other work on the machine counts too). What would move it: no image job while passwords wait (not only one slot fewer), shorter image tasks (the v2 engine's selfie takes longer than v1's), or more cores.`,
      }),
    });
  }
  rows.push(...oneAddressRows(r), ...galleriesRows(r));
  const runs = r.ingest?.runs ?? [];
  const two = runs.find((run) => run.workers === 2) ?? runs[0];
  if (two) {
    const per = (v: number) => v / Math.max(1, two.stages.photos);
    const stages = `per photo: decode ${ms(per(two.stages.decodeMs))}, faces ${ms(per(two.stages.facesMs))}, encode ${ms(per(two.stages.encodeMs))}, match ${ms(per(two.stages.matchMs))}, db ${ms(per(two.stages.dbMs))}`;
    const full = two.photos >= 100;
    const label = `${two.photos} photos of 24 MP, ${two.workers} workers`;
    const limitMs = (60_000 * two.photos) / 100;
    rows.push({
      id: 'ingest-time',
      target: full ? `${label}: < 60 s` : `${label}: < ${s1(limitMs)} (60 s per 100, pro rata)`,
      measured: `${s1(two.wallMs)} (${two.photosPerMinute.toFixed(0)}/min)`,
      baseline: `inference floor ${s1(two.floorMs)}`,
      status: two.wallMs < limitMs ? 'PASS' : 'MISS',
      ...(two.wallMs >= limitMs && {
        note: `the face model alone needs ${s1(two.floorMs)} for these photos with ${two.floorParallel} at once, so ${s1(limitMs)} is out of reach of this model on this CPU; ${stages}; pickup ${ms(two.pickupMs)}.`,
      }),
    });
    rows.push({
      id: 'ingest-floor',
      target: `${label}: within 1.3× of the inference floor`,
      measured: x(two.ratioToFloor),
      baseline: `floor ${s1(two.floorMs)} (${two.floorParallel} processes, model only, decoded ≤1600 px)`,
      status: (two.ratioToFloor ?? 99) <= 1.3 ? 'PASS' : 'MISS',
      ...((two.ratioToFloor ?? 99) > 1.3 && {
        note: `time outside inference: ${stages}; inference was ${pct((two.stages.facesMs / (two.wallMs * two.workers)) * 100)} of the workers' wall time; pickup (hot-folder settle 1.5 s + copy + hash) ${ms(two.pickupMs)}. With one worker per core, decode and renditions cannot overlap inference: they add to it. Decoding a 24 MP JPEG to 1600 px already uses libvips' shrink-on-load (~170 ms here against ~200 ms for a full decode), so the levers left are the fixed pickup delay and the floor itself (a faster detector, or more cores).`,
      }),
    });
    const bad = runs.filter((run) => run.check.missed.length || run.check.falseMatches.length || run.check.galleryMismatches.length);
    rows.push({
      id: 'ingest-matches',
      target: 'every expected match found, no false match, galleries exact',
      measured: runs.map((run) => `${run.workers}w ${run.check.found}/${run.check.expected}, ${run.check.falseMatches.length} false`).join('; '),
      baseline: `model alone ${two.check.modelAlone ? `${two.check.modelAlone.found}/${two.check.expected}, ${two.check.modelAlone.falseMatches} false` : '–'}`,
      status: bad.length ? 'MISS' : 'PASS',
      ...(bad.length && {
        note: matchNote(
          bad[0]!,
          r.ingest!.floors.find((f) => f.parallel === bad[0]!.floorParallel),
        ),
      }),
    });
  }
  rows.push(...selfieRows(r));
  // FindMe's default is one worker per core; runs with more workers than cores are shown apart.
  const cores = r.machine.cores;
  const extra = runs.filter((run) => run.workers > cores);
  const peaks: [string, number][] = [
    ...(r.load?.steps ?? []).map((s) => [`load ${s.attendees}`, s.server.peakRssBytes] as [string, number]),
    ...runs.filter((run) => run.workers <= cores).map((run) => [`ingest ${run.workers}w`, run.server.peakRssBytes] as [string, number]),
    ...(r.load?.oneAddress ? [['load one address', r.load.oneAddress.server.peakRssBytes] as [string, number]] : []),
    ...(r.galleries ? [['real galleries', r.galleries.server.peakRssBytes] as [string, number]] : []),
    ...(r.soak ? [['soak', r.soak.server.peakRssBytes] as [string, number]] : []),
  ];
  if (peaks.length) {
    const [where, peak] = peaks.sort((a, b) => b[1] - a[1])[0]!;
    const first = r.load?.steps[0]?.rssSeries[0] ?? r.galleries?.rssSeries[0];
    const rest = first ? first.mb * 1048576 : undefined;
    const over = peaks.filter(([, v]) => v >= GB1);
    rows.push({
      id: 'rss-peak',
      target: `peak RSS < 1 GB (≤ ${cores} workers, the default)`,
      measured: `${mb(peak)} (${where})${extra.length ? `; oversubscribed, for information: ${extra.map((run) => `${run.workers}w ${mb(run.server.peakRssBytes)}`).join(', ')}` : ''}`,
      baseline: rest
        ? `FindMe at rest (${r.load ? 'model loaded in its workers' : 'real galleries: model not loaded'}): ${mb(rest)} (peak ${x(peak / rest)})`
        : '–',
      status: over.length ? 'MISS' : 'PASS',
      ...(over.length && {
        note: `over in: ${over.map(([w, v]) => `${w} ${mb(v)}`).join(', ')}. Each image worker holds the model, the wasm heap and a decoded photo; RSS grows with the worker count.`,
      }),
    });
  }
  if (r.soak) {
    const s = r.soak.rss;
    const ok = s.growthMb <= s.allowanceMb;
    const tooShort = r.soak.seconds < 120; // a smoke run cannot tell warm-up from growth
    rows.push({
      id: 'soak-growth',
      target: `no RSS growth over the ${r.soak.seconds} s soak beyond noise`,
      measured: `${s.firstMb.toFixed(0)} → ${s.lastMb.toFixed(0)} MB (${s.growthMb >= 0 ? '+' : ''}${s.growthMb.toFixed(0)} MB; 2nd half ${s.secondHalfSlopeMbPerMin.toFixed(1)} MB/min)`,
      baseline: `noise allowance ${s.allowanceMb.toFixed(0)} MB (3σ of the ${s.windowSeconds} s windows or 3 %)`,
      status: tooShort ? 'n/a' : ok ? 'PASS' : 'MISS',
      ...(ok &&
        !tooShort &&
        s.secondHalfSlopeMbPerMin > 2 && {
          note: `within noise, but RSS still crept ${s.secondHalfSlopeMbPerMin.toFixed(1)} MB/min in the second half while ${r.soak.photosProcessed} photos came in; the 64 MB thumbnail LRU filling up and SQLite's page cache account for that order of size. A longer soak would show whether it levels off.`,
        }),
      ...(!ok &&
        !tooShort && {
          note: `${s.secondHalfSlopeMbPerMin > 1 ? 'still growing in the second half: look for a leak (heap snapshots of the main thread and the workers)' : 'growth happened early and flattened: warm-up (caches filling: 64 MB thumbnail LRU, SQLite page cache, JIT) rather than a leak'}.`,
        }),
    });
  }
  return rows;
}

function matchNote(run: IngestRun, floor: FloorResult | undefined): string {
  const list = (v: { photo: string; attendee: string }[]) =>
    v
      .slice(0, 8)
      .map((m) => `${m.attendee} in ${m.photo}`)
      .join(', ') || 'none';
  const modelMissed = run.check.missed.filter((m) => !(floor?.matches[m.photo] ?? []).includes(m.attendee));
  const pipelineMissed = run.check.missed.length - modelMissed.length;
  const why =
    modelMissed.length === run.check.missed.length && run.check.missed.length
      ? 'The face model alone misses the same faces on the same ≤1600 px images, so FindMe loses nothing of what its model finds: these faces are too small for SSD MobileNet (which sees a 512 px square) once a 24 MP group photo is scaled to 1600 px; detecting on tiles or at a larger size for big photos would move it, at the cost of inference time'
      : `${pipelineMissed} of them missed by FindMe but found by the model alone: a pipeline problem`;
  return `missed (${run.workers} worker${run.workers > 1 ? 's' : ''}): ${list(run.check.missed)}${run.check.missed.length > 8 ? ` and ${run.check.missed.length - 8} more` : ''}. False matches: ${list(run.check.falseMatches)}. ${why}.`;
}
