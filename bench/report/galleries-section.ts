// Report section of the real-galleries scenario.
import { GALLERY_MAX, GALLERY_MIN } from '../scenarios/galleries.js';
import { mb, ms, pct, table, x } from './format.js';
import { failureText } from './load-section.js';
import type { BenchReport } from './types.js';

export const GALLERIES_TITLE = 'Real galleries';

export function galleriesSection(r: BenchReport): string {
  const g = r.galleries;
  if (!g) return '';
  const s = g.seeded;
  const alone = g.alone.endpoints;
  const rows = Object.entries(g.run.endpoints).map(([name, e]) => [
    name,
    e.count,
    ms(e.p50),
    ms(e.p95),
    ms(e.p99),
    ms(e.max),
    failureText(e),
    mb(e.bytes),
    ms(alone[name]?.p50),
    x(e.p95 / (alone[name]?.p50 ?? NaN)),
  ]);
  const bytes = Object.values(g.run.endpoints).reduce((n, e) => n + e.bytes, 0);
  const seconds = g.run.durationMs / 1000;
  const reasons = Object.entries(g.run.failedBecause)
    .map(([k, v]) => `${v}× ${k}`)
    .join(', ');
  const first = g.rssSeries[0];
  return `## ${GALLERIES_TITLE}

An event seeded before FindMe starts, with FindMe's own database code: ${s.photos} photos (status done, their
faces described, real JPEG files hard-linked from a few sources: original ${mb(g.sourceBytes.original)} (24 MP),
preview ${(g.sourceBytes.preview / 1024).toFixed(0)} kB, thumbnail ${(g.sourceBytes.thumb / 1024).toFixed(0)} kB), ${s.usernames.length} attendees (one real bcrypt hash at
cost 10) and ${s.matches} matches: each gallery holds ${GALLERY_MIN}–${GALLERY_MAX} photos (median ${s.gallerySizes.p50}, seeded in ${(s.seedMs / 1000).toFixed(1)} s).
The attendees arrive ${(s.usernames.length / (g.rampMs / 1000)).toFixed(0)} a second, each a phone of its own address, and browse as a phone
does: log in, page through \`/api/my-photos\` (30 a page) loading each page's thumbnails six at a
time with 1–3 s think time between pages, open ${g.previews} previews and download ${g.originals} original${g.originals > 1 ? 's' : ''}, with
think time between them. FindMe runs with its real limits and ${g.workers} image workers, idle here: they load
the face model at their first job and none ran, so the RSS below is the serving side alone (the
load scenario shows FindMe with the model loaded).

${g.run.completed}/${g.run.attendees} attendees browsed to the end${reasons ? ` (stopped: ${reasons})` : ''} in ${seconds.toFixed(0)} s; photos seen per attendee: median ${g.run.photosSeen.p50}.

${table(['endpoint', 'count', 'p50', 'p95', 'p99', 'max', 'failures', 'bytes served', 'alone (baseline)', 'p95 ÷ alone'], rows)}

| | FindMe | baseline | ratio |
| --- | --- | --- | --- |
| bytes served | ${mb(bytes)} (${mb(bytes / seconds)}/s over the run) | | |
| server CPU avg / peak (100 % = 1 core) | ${pct(g.server.cpuAvgPercent)} / ${pct(g.server.cpuPeakPercent)} | load driver ${pct(g.driver?.cpuAvgPercent)} | |
| server RSS peak | ${mb(g.server.peakRssBytes)} | first sample ${mb(first ? first.mb * 1048576 : undefined)} | ${first ? x(g.server.peakRssBytes / 1048576 / first.mb) : '–'} |
| event-loop p99 max / max | ${ms(g.queue.eventLoopP99MaxMs)} / ${ms(g.queue.eventLoopMaxMs)} | | |

"Alone" is the median of each endpoint for one attendee browsing the same way on the idle server
just before.`;
}
