// Command-line options of `npm run bench`.
import { availableParallelism } from 'node:os';

export const SCENARIOS = ['load', 'galleries', 'ingest', 'soak', 'frontend'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface BenchOptions {
  quick: boolean;
  only: Set<Scenario>;
  /** Concurrent attendees of each load step. */
  steps: number[];
  /** The step under which selfie-to-gallery is measured. */
  latencyStep: number;
  /** Repetitions per fixture attendee of the selfie-to-gallery measurement. */
  latencyReps: number;
  photos: number;
  ingestAttendees: number;
  workers: number[];
  soakSeconds: number;
  soakAttendees: number;
  /** Seconds of each closed-loop baseline (hello-world, check-event-code). */
  hammerSeconds: number;
  pageLoads: number;
  /** Attendees and photos of the real-galleries scenario. */
  galleryAttendees: number;
  galleryPhotos: number;
  /** Phones behind one address (the old service's own load test): 0 = not run. */
  oneAddress: number;
  /** Added to the report's file name (`--tag=r2` → <date>-partial-r2.md). */
  tag?: string;
}

const HELP = `npm run bench [-- options]
  --quick                smoke run (< 3 min): 30 attendees, 10 photos, 2 workers, 30 s soak
  --only=load,ingest     run only these scenarios (load, galleries, ingest, soak, frontend)
  --attendees=30,100,300 attendee steps of the load scenario
  --one-address=30       phones behind one address (127.0.0.1) after the load steps; 0: none
  --galleries=300,1500   attendees and photos of the real-galleries scenario
  --photos=100           photos of the ingest scenario
  --workers=1,2,4        worker counts of the ingest scenario
  --soak=600             soak length in seconds
  --tag=r2               add this to the report's file name (<date>-<mode>-r2.md)
  --render=<report.json> write the Markdown of a saved report again (no measuring)
  --help`;

function tagOf(raw: string): string {
  if (!/^[a-z0-9-]{1,32}$/i.test(raw)) throw new Error('--tag takes letters, digits and dashes');
  return raw;
}

export function parseArgs(argv: string[]): BenchOptions {
  const flags = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a}\n${HELP}`);
    flags.set(m[1]!, m[2] ?? 'true');
  }
  if (flags.has('help')) {
    console.log(HELP);
    process.exit(0);
  }
  const quick = flags.get('quick') === 'true';
  const list = (name: string, fallback: number[]) => {
    const raw = flags.get(name);
    if (!raw) return fallback;
    const values = raw.split(',').map(Number);
    if (values.some((v) => !Number.isInteger(v) || v < 1)) throw new Error(`--${name} takes positive integers`);
    return values;
  };
  const num = (name: string, fallback: number) => list(name, [fallback])[0]!;
  const cores = availableParallelism();
  // 1, 2 and N = the cores (FindMe's default); --workers=1,2,4 shows oversubscription.
  const fullWorkers = [...new Set([1, 2, cores])].sort((a, b) => a - b);

  let only = new Set<Scenario>(SCENARIOS);
  if (flags.has('only')) {
    const names = flags.get('only')!.split(',');
    for (const n of names) if (!SCENARIOS.includes(n as Scenario)) throw new Error(`--only: unknown scenario ${n} (${SCENARIOS.join(', ')})`);
    only = new Set(names as Scenario[]);
  }
  // The quick run has one step: each step costs ~25 s of fixed time (event, baselines, journey).
  const steps = list('attendees', quick ? [30] : [30, 100, 300]);
  return {
    quick,
    only,
    steps,
    latencyStep: steps.includes(100) ? 100 : steps[steps.length - 1]!,
    latencyReps: quick ? 1 : 4,
    photos: num('photos', quick ? 10 : 100),
    ingestAttendees: quick ? 30 : 300,
    workers: list('workers', quick ? [2] : fullWorkers),
    soakSeconds: num('soak', quick ? 30 : 600),
    soakAttendees: quick ? 30 : 100,
    hammerSeconds: quick ? 1 : 5,
    pageLoads: quick ? 1 : 3,
    galleryAttendees: list('galleries', quick ? [30, 150] : [300, 1500])[0]!,
    galleryPhotos: list('galleries', quick ? [30, 150] : [300, 1500])[1] ?? 1500,
    oneAddress: flags.get('one-address') === '0' ? 0 : num('one-address', 30),
    ...(flags.has('tag') && { tag: tagOf(flags.get('tag')!) }),
  };
}
