// The face evaluation's report in Markdown: engines side by side on the same events.
import type { EventFigures, PairStats } from './metrics.js';

export interface EngineReport {
  engine: string;
  label: string;
  pairs: Omit<PairStats, 'genuine' | 'impostor'> & { genuinePairs: number; impostorPairs: number; thresholdUsed: number };
  selfiesRefused: number;
  events: EventFigures[];
  detection: { rows: { kind: string; width: number; placed: number; found: number }[]; otherDetections: number };
  timing: { cropMs: number; frameMs: Record<string, number> };
  twoSelfies: EventFigures;
  sweep: { attendees: number; rows: { fmr: number; threshold: number; margin: number; precision: number; recall: number; wrong: number }[] };
}

export interface FaceEvalReport {
  startedAt: string;
  durationSeconds: number;
  command: string;
  seed: number;
  dataset: { people: number; strangers: number; crops: number; groupPhotos: number; placedFaces: number };
  machine: string;
  engines: EngineReport[];
  goals: { goal: string; measured: string; status: 'PASS' | 'MISS' }[];
}

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '–');
const pc = (v: number) => `${(v * 100).toFixed(2)} %`;
function table(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function renderFaceReport(r: FaceEvalReport): string {
  const out: string[] = [];
  out.push(`# Face evaluation — ${r.startedAt.slice(0, 10)}`, '');
  out.push(`\`${r.command}\` · ${r.durationSeconds} s · ${r.machine} · seed ${r.seed}`, '');
  out.push(
    `Data: ${r.dataset.people} people with 2+ photos (first photo = selfie), ${r.dataset.strangers} strangers, ${r.dataset.crops} LFW crops; ` +
      `${r.dataset.groupPhotos} composed group photos holding ${r.dataset.placedFaces} faces (every non-selfie photo and every stranger once; half in 24 MP frames with 40–110 px faces, half in 1600 px frames with 70–120 px faces).`,
    '',
  );
  if (r.goals.length) {
    out.push(
      '## Goals (issue "Face engine v2", 300 attendees)',
      '',
      table(
        ['goal', 'measured', ''],
        r.goals.map((g) => [g.goal, g.measured, g.status]),
      ),
      '',
    );
  }
  out.push("## Events: matching through the engine's own matcher", '');
  out.push(
    'Precision: correct faces / faces shown to anyone. Recall: correct faces / attendee faces placed in the photos (missed detections count). ' +
      '"To another attendee": attendee faces given to the wrong attendee (share of attendee faces). "Strangers matched": share of faces of people who never registered given to someone.',
    '',
  );
  const sizes = [...new Set(r.engines.flatMap((e) => e.events.map((ev) => ev.attendees)))];
  out.push(
    table(
      [
        'attendees',
        'engine',
        'attendee faces',
        'stranger faces',
        'shown',
        'precision',
        'recall',
        'to another attendee',
        'strangers matched',
        'wrong photos (attendees)',
      ],
      sizes.flatMap((n) =>
        r.engines.map((e) => {
          const ev = e.events.find((x) => x.attendees === n)!;
          return [
            n,
            e.engine,
            ev.attendeeFaces,
            ev.strangerFaces,
            ev.shown,
            f3(ev.precision),
            f3(ev.recall),
            pc(ev.wrongAttendeeRate),
            pc(ev.strangersMatchedRate),
            `${ev.wrongPhotos} (${ev.attendeesShownWrongPhotos})`,
          ];
        }),
      ),
    ),
    '',
  );
  out.push('## The decision rule, measured', '');
  out.push(
    "Each engine's matcher on the largest event with other thresholds (set at a false-match rate of the model's own impostor pairs) and margins over the second-nearest attendee.",
    '',
  );
  for (const e of r.engines) {
    out.push(`### ${e.engine} (${e.sweep.attendees} attendees; in use: threshold ${f3(e.pairs.thresholdUsed)})`, '');
    out.push(
      table(
        ['threshold (FMR)', 'margin', 'precision', 'recall', 'wrong faces'],
        e.sweep.rows.map((s) => [`${f3(s.threshold)} (${s.fmr})`, f3(s.margin), f3(s.precision), f3(s.recall), s.wrong]),
      ),
      '',
    );
  }
  out.push('## Several selfies', '');
  out.push("The largest event again, where each attendee with 3+ photos registers two of them (that second photo then leaves the group photos' figures).", '');
  out.push(
    table(
      ['engine', 'attendee faces', 'shown', 'precision', 'recall', 'to another attendee', 'strangers matched'],
      r.engines.map((e) => [
        e.engine,
        e.twoSelfies.attendeeFaces,
        e.twoSelfies.shown,
        f3(e.twoSelfies.precision),
        f3(e.twoSelfies.recall),
        pc(e.twoSelfies.wrongAttendeeRate),
        pc(e.twoSelfies.strangersMatchedRate),
      ]),
    ),
    '',
  );
  out.push('## Pairs: how well the descriptor separates people', '');
  out.push(
    'Every pair of crops (one descriptor per crop, as its selfie check saw it). TAR: true-accept rate at the distance threshold that lets through the given false-match rate (FMR).',
    '',
  );
  out.push(
    table(
      ['engine', 'genuine pairs', 'impostor pairs', 'genuine median', 'impostor p1', 'TAR @ FMR 1e-3', 'TAR @ 1e-4', 'TAR @ 1e-5'],
      r.engines.map((e) => [
        e.engine,
        e.pairs.genuinePairs,
        e.pairs.impostorPairs,
        f3(e.pairs.quantiles.genuine.p50!),
        f3(e.pairs.quantiles.impostor.p1!),
        ...e.pairs.tarAt.map((t) => `${f3(t.tar)} (< ${f3(t.threshold)})`),
      ]),
    ),
    '',
  );
  for (const e of r.engines) {
    out.push(`### ${e.engine}: ${e.label}`, '');
    out.push(
      table(
        ['threshold', 'false-match rate', 'false-non-match rate'],
        e.pairs.sweep.map((s) => [f3(s.threshold), s.fmr.toExponential(2), f3(s.fnmr)]),
      ),
      '',
    );
  }
  out.push('## Detection: faces found by size', '');
  const keys = [...new Set(r.engines.flatMap((e) => e.detection.rows.map((x) => `${x.kind}|${x.width}`)))];
  out.push(
    table(
      ['frame', 'face width', 'placed', ...r.engines.map((e) => `${e.engine} found`)],
      keys.map((k) => {
        const [kind, width] = k.split('|');
        const rows = r.engines.map((e) => e.detection.rows.find((x) => `${x.kind}|${x.width}` === k));
        return [kind!, `${width} px`, rows[0]?.placed ?? 0, ...rows.map((x) => (x ? `${x.found} (${Math.round((100 * x.found) / x.placed)} %)` : '–'))];
      }),
    ),
    '',
  );
  out.push(
    `Other detections (bystanders inside LFW crops, or not faces): ${r.engines.map((e) => `${e.engine} ${e.detection.otherDetections}`).join(', ')}.`,
    '',
  );
  out.push('## Cost', '');
  out.push(
    'Mean time of one worker thread per crop or photo, from the run that described it (results are cached: compare engines described in the same run, or use `npm run bench -- --only=ingest` for ingest speed).',
    '',
  );
  const kinds = [...new Set(r.engines.flatMap((e) => Object.keys(e.timing.frameMs)))];
  out.push(
    table(
      ['engine', 'selfie check (250 px crop)', ...kinds.map((k) => `per ${k} photo`)],
      r.engines.map((e) => [e.engine, `${Math.round(e.timing.cropMs)} ms`, ...kinds.map((k) => `${Math.round(e.timing.frameMs[k] ?? NaN)} ms`)]),
    ),
    '',
  );
  out.push('## Selfies', '');
  out.push(
    table(
      ['engine', 'attendees (300)', 'accepted as is', 'accepted after a retake (padded)', 'refused'],
      r.engines.map((e) => {
        const ev = e.events.find((x) => x.attendees === 300) ?? e.events.at(-1)!;
        return [e.engine, ev.attendees, ev.selfies.accepted, ev.selfies.afterRetake, ev.selfies.refused];
      }),
    ),
    '',
  );
  return out.join('\n');
}
