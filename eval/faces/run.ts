// `npm run eval:faces`: how well the face engines keep FindMe's promise on a large labelled set
// (../shared/fixtures/scale): pair statistics, events of 25/100/300 attendees with as many
// strangers in the photos, and small faces in 24 MP group photos. Prints the figures and writes
// eval/reports/faces-<date>.md and .json. Not a test: it measures.
//   --engines=v1,v2   which engines (default: v1 and v2; v2f and v2b are experiments)    --threads=2   worker threads
//   --quick           100 people, 200 strangers (a smoke run)    --tag=x   faces-<date>-x.md (keeps the day's other reports)
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../server/util/app-paths.js';
import { renderFrame } from './compose.js';
import { loadDataset, planFrames, type Dataset } from './dataset.js';
import { DEFAULT_ENGINES, ENGINES, type EngineId } from './engines.js';
import { extract } from './extract.js';
import { detectionRecall, pairStats, simulateEvent } from './metrics.js';
import { distance, matchFaces as matchFacesWith } from '../../server/faces/matcher.js';
import { renderFaceReport, type EngineReport, type FaceEvalReport } from './report.js';

const SEED = 2026;
const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

function quickSubset(ds: Dataset): Dataset {
  const people = ds.people.slice(0, 100);
  const strangers = ds.strangers.slice(0, 200);
  return { people, strangers, all: [...people.flatMap((p) => [p.selfie, ...p.others]), ...strangers] };
}

/**
 * FindMe's own nets (paths named ssdnet… or blaze…) run on ONNX Runtime unless
 * FINDME_FACE_RUNTIME=tfjs: their results are cached apart (the earlier TensorFlow.js results
 * keep their names). face-api's own pipeline (v1, v2p's selfies) runs on TensorFlow.js always.
 */
const RUNTIME = process.env.FINDME_FACE_RUNTIME === 'tfjs' ? 'tfjs' : 'onnx';
const onRuntime = (path: string) => (RUNTIME === 'onnx' && /^(ssdnet|blaze)/.test(path) ? `${path}-onnx` : path);

async function main() {
  const quick = process.argv.includes('--quick');
  const engines = (arg('engines')?.split(',') ?? DEFAULT_ENGINES) as EngineId[];
  for (const e of engines) if (!ENGINES[e]) throw new Error(`unknown engine ${e}; known: ${Object.keys(ENGINES).join(', ')}`);
  const threads = Number(arg('threads') ?? Math.max(1, Math.min(2, cpus().length)));
  const root = packageRoot();
  const cache = join(root, 'eval', '.cache');
  const full = loadDataset(SEED);
  const ds = quick ? quickSubset(full) : full;
  const frames = planFrames(ds, SEED);
  const sizes = quick ? [25, 100] : [25, 100, 300];
  log(
    `face evaluation: ${ds.people.length} people, ${ds.strangers.length} strangers, ${frames.length} group photos; engines ${engines.join(', ')}; FindMe's nets on ${RUNTIME}`,
  );

  const reports: EngineReport[] = [];
  for (const id of engines) {
    const frameDir = join(cache, `frames-${SEED}${quick ? '-quick' : ''}`);
    const got = await extract(
      id,
      { dir: join(cache, `${SEED}${quick ? '-quick' : ''}`), selfies: onRuntime(ENGINES[id].selfies), photos: onRuntime(ENGINES[id].photos) },
      ds.all.map((c) => ({ key: c.path, path: join(root, '..', 'shared', 'fixtures', 'scale', c.path) })),
      frames.map((f) => ({ key: f.id, path: () => renderFrame(f, frameDir) })),
      threads,
      log,
    );
    const rule = ENGINES[id].rule;
    const items = ds.all.flatMap((c) => {
      const face = got.crops.get(c.path)?.face;
      return face ? [{ person: c.person, d: face.descriptor }] : [];
    });
    const sweepAt = Array.from({ length: 13 }, (_, i) => rule.threshold * (0.7 + i * 0.05));
    const stats = pairStats(items, (a, b) => distance(a, b, rule.metric), sweepAt);
    const withResults = frames.map((spec) => ({ spec, result: got.frames.get(spec.id)! }));
    const events = sizes.map((n) => simulateEvent(n, ds, got.crops, withResults, (faces, refs) => matchFacesWith(faces, refs, rule)));
    const twoSelfies = simulateEvent(sizes.at(-1)!, ds, got.crops, withResults, (faces, refs) => matchFacesWith(faces, refs, rule), 2);
    // The decision rule measured, not guessed: thresholds at given false-match rates of this
    // model's impostor pairs, margins as a share of the threshold, on the largest event.
    const largest = sizes.at(-1)!;
    const sweep = [1e-3, 3e-4, 1e-4, 3e-5, 1e-5].flatMap((fmr) =>
      [0, 0.05, 0.1, 0.15, 0.2].map((share) => {
        const threshold = stats.impostor[Math.floor(fmr * stats.impostor.length)]!;
        const r = { ...rule, threshold, margin: threshold * share };
        const ev = simulateEvent(largest, ds, got.crops, withResults, (faces, refs) => matchFacesWith(faces, refs, r));
        return { fmr, threshold, margin: r.margin, precision: ev.precision, recall: ev.recall, wrong: ev.shown - ev.correct };
      }),
    );
    const frameMs: Record<string, number> = {};
    for (const kind of new Set(frames.map((f) => f.kind))) {
      const ms = withResults.filter((w) => w.spec.kind === kind).map((w) => w.result.ms);
      frameMs[kind] = ms.reduce((a, b) => a + b, 0) / ms.length;
    }
    const cropMs = [...got.crops.values()].reduce((a, c) => a + c.ms, 0) / got.crops.size;
    reports.push({
      engine: id,
      label: ENGINES[id].label,
      pairs: {
        quantiles: stats.quantiles,
        tarAt: stats.tarAt,
        sweep: stats.sweep,
        genuinePairs: stats.genuine.length,
        impostorPairs: stats.impostor.length,
        thresholdUsed: rule.threshold,
      },
      selfiesRefused: [...got.crops.values()].filter((c) => c.verdict !== 'accepted').length,
      events,
      twoSelfies,
      detection: detectionRecall(withResults),
      timing: { cropMs, frameMs },
      sweep: { attendees: largest, rows: sweep },
    });
    for (const ev of events) {
      log(
        `  ${id} @ ${ev.attendees}: precision ${ev.precision.toFixed(4)}, recall ${ev.recall.toFixed(3)}, to another attendee ${(100 * ev.wrongAttendeeRate).toFixed(2)} %, ` +
          `strangers matched ${(100 * ev.strangersMatchedRate).toFixed(2)} %, wrong photos ${ev.wrongPhotos} to ${ev.attendeesShownWrongPhotos} attendees`,
      );
    }
    log(
      `  ${id} @ ${twoSelfies.attendees} with 2 selfies where possible: precision ${twoSelfies.precision.toFixed(4)}, recall ${twoSelfies.recall.toFixed(3)}`,
    );
    log(`  ${id} pairs: ${stats.tarAt.map((t) => `TAR ${t.tar.toFixed(3)} @ FMR ${t.fmr}`).join(', ')}`);
  }

  const at300 = (e: EngineReport) => e.events.find((x) => x.attendees === 300);
  const goals: FaceEvalReport['goals'] = [];
  for (const e of reports) {
    const ev = at300(e);
    if (!ev) continue;
    goals.push({ goal: `${e.engine}: precision ≥ 0.999`, measured: ev.precision.toFixed(4), status: ev.precision >= 0.999 ? 'PASS' : 'MISS' });
    goals.push({ goal: `${e.engine}: recall ≥ 0.95 (one selfie)`, measured: ev.recall.toFixed(3), status: ev.recall >= 0.95 ? 'PASS' : 'MISS' });
  }
  const report: FaceEvalReport = {
    startedAt: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    command: ['npm run eval:faces', ...process.argv.slice(2)].join(' '),
    seed: SEED,
    dataset: {
      people: ds.people.length,
      strangers: ds.strangers.length,
      crops: ds.all.length,
      groupPhotos: frames.length,
      placedFaces: frames.reduce((a, f) => a + f.faces.length, 0),
    },
    machine: `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.version}, FindMe's nets on ${RUNTIME === 'onnx' ? 'ONNX Runtime' : 'TensorFlow.js (wasm)'}`,
    engines: reports,
    goals,
  };
  const dir = join(root, 'eval', 'reports');
  mkdirSync(dir, { recursive: true });
  const tag = arg('tag');
  const base = join(dir, `faces-${report.startedAt.slice(0, 10)}${quick ? '-quick' : ''}${tag ? `-${tag}` : ''}`);
  writeFileSync(`${base}.json`, JSON.stringify(report, null, 1));
  writeFileSync(`${base}.md`, renderFaceReport(report));
  for (const g of goals) log(`${g.status} ${g.goal}: ${g.measured}`);
  log(`report: ${base}.md (and .json)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
