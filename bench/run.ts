// `npm run bench`: measures what FindMe exists for (attendee load, selfie to gallery, photo
// ingest, memory over time, the attendee app's weight and first load) and writes
// bench/reports/<YYYY-MM-DD>.md and .json. `--quick` is a smoke run of a few minutes;
// `--only=load,galleries,ingest,soak,frontend` picks scenarios; `--render=<json>` rewrites a report's
// Markdown from its JSON. Everything talks to 127.0.0.1 only.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs, SCENARIOS, type BenchOptions, type Scenario } from './lib/args.js';
import { ROOT } from './lib/child.js';
import { machineInfo } from './lib/machine.js';
import { renderMarkdown } from './report/markdown.js';
import { evaluateTargets } from './report/targets.js';
import type { BenchReport } from './report/types.js';
import { runFrontend } from './scenarios/frontend.js';
import { runGalleries } from './scenarios/galleries.js';
import { runIngest } from './scenarios/ingest.js';
import { runLoad } from './scenarios/load.js';
import { runSoak } from './scenarios/soak.js';

const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/** `--render=<report.json>`: writes the Markdown again from a saved report (no measuring). */
function render(jsonPath: string) {
  const report = JSON.parse(readFileSync(jsonPath, 'utf8')) as BenchReport;
  report.targets = evaluateTargets(report);
  writeFileSync(jsonPath, JSON.stringify(report, null, 1));
  writeFileSync(jsonPath.replace(/\.json$/, '.md'), renderMarkdown(report));
  log(`rendered ${jsonPath.replace(/\.json$/, '.md')}`);
}

/** FindMe runs in the benchmark as it ships, compiled (dist/server/), not under tsx. */
function compileServer() {
  const t = Date.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.node.json'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build:node failed: the benchmark runs the compiled server');
  log(`compiled FindMe's server to dist/ (${((Date.now() - t) / 1000).toFixed(1)} s): it runs as it ships, without tsx`);
}

async function main() {
  const renderArg = process.argv.find((a) => a.startsWith('--render='));
  if (renderArg) return render(renderArg.slice('--render='.length));
  const opts: BenchOptions = parseArgs(process.argv.slice(2));
  const full = !opts.quick && opts.only.size === SCENARIOS.length && process.argv.length <= 2 + (opts.tag ? 1 : 0);
  const mode = opts.quick ? 'quick' : full ? 'full' : 'partial';
  const report: BenchReport = {
    version: 1,
    mode,
    startedAt: new Date(started).toISOString(),
    finishedAt: '',
    durationSeconds: 0,
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    machine: { ...machineInfo(), loadAverageAtEnd: [] },
    errors: [],
    targets: [],
  };
  log(`FindMe benchmark (${mode}) on ${report.machine.cpuModel}, ${report.machine.cores} cores, Node ${report.machine.node}`);
  compileServer();

  const scenarios: [Scenario, string, () => Promise<void>][] = [
    ['load', '1 + 3. attendee load and selfie to gallery', async () => void (report.load = await runLoad(opts, log))],
    ['galleries', '6. real galleries', async () => void (report.galleries = await runGalleries(opts, log))],
    ['ingest', '2. photo ingest', async () => void (report.ingest = await runIngest(opts, log))],
    ['soak', '4. memory soak', async () => void (report.soak = await runSoak(opts, log))],
    ['frontend', '5. attendee app size and first load', async () => void (report.frontend = await runFrontend(opts, log))],
  ];
  for (const [name, title, run] of scenarios) {
    if (!opts.only.has(name)) continue;
    log(title);
    try {
      await run();
    } catch (err) {
      const message = (err as Error).stack ?? String(err);
      report.errors.push({ scenario: name, message });
      log(`  FAILED: ${message.split('\n').slice(0, 3).join(' | ')}`);
    }
  }

  report.finishedAt = new Date().toISOString();
  report.durationSeconds = Math.round((Date.now() - started) / 1000);
  report.machine.loadAverageAtEnd = loadavg().map((v) => Math.round(v * 100) / 100);
  report.targets = evaluateTargets(report);
  const dir = join(ROOT, 'bench', 'reports');
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `${report.startedAt.slice(0, 10)}${mode === 'full' ? '' : `-${mode}`}${opts.tag ? `-${opts.tag}` : ''}`);
  writeFileSync(`${base}.json`, JSON.stringify(report, null, 1));
  writeFileSync(`${base}.md`, renderMarkdown(report));
  for (const t of report.targets) log(`${t.status.padEnd(4)} ${t.target}: ${t.measured}`);
  log(`report: ${base}.md (and .json), ${report.durationSeconds} s`);
  process.exitCode = report.errors.length ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
