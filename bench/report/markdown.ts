// The Markdown report: the machine, the targets (PASS/MISS with the same-run baseline and the
// ratio), then one section per scenario.
import { table } from './format.js';
import { galleriesSection } from './galleries-section.js';
import { loadSection } from './load-section.js';
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

export function renderMarkdown(r: BenchReport): string {
  const errors = r.errors.length ? `## Errors\n\n${r.errors.map((e) => `- ${e.scenario}: ${e.message.split('\n')[0]}`).join('\n')}` : '';
  return (
    [header(r), targets(r), loadSection(r), galleriesSection(r), ingestSection(r), soakSection(r), frontendSection(r), errors, howToRead()]
      .filter(Boolean)
      .join('\n\n') + '\n'
  );
}

function howToRead(): string {
  return `## How to read this

- Times are wall-clock on 127.0.0.1; the load driver shares the CPU with FindMe (its CPU use is shown).
- p50/p95/p99 are nearest-rank percentiles of every request of that endpoint in that step.
- RSS is /proc/<pid>/status VmRSS of the FindMe process (all its threads: image workers, bcrypt, logger); CPU is utime + stime from /proc/<pid>/stat, 100 % = one core.
- The inference floor runs the same face model on the same photos, already decoded to ≤1600 px, with nothing else around it; the ingest ratio is wall time ÷ that floor.
- The JSON next to this file holds every figure, including per-second series.`;
}
