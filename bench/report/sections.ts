// Report sections of the ingest, soak and page-load scenarios.
import { NETWORK } from '../scenarios/frontend.js';
import { kb, mb, ms, pct, s1, table, x } from './format.js';
import type { BenchReport } from './types.js';

export function ingestSection(r: BenchReport): string {
  const i = r.ingest;
  if (!i) return '';
  const floors = i.floors.map((f) => [
    f.parallel,
    s1(f.floorMs),
    ms(f.perImage.avg),
    ms(f.perImage.p95),
    s1(f.sumMs),
    ms(f.modelLoadMs),
    ms(f.decodeMsPerPhoto),
    mb(f.peakRssBytes),
  ]);
  const runs = i.runs.map((run) => {
    const per = (v: number) => ms(v / Math.max(1, run.stages.photos));
    return [
      run.workers,
      s1(run.wallMs),
      run.photosPerMinute.toFixed(1),
      ms(run.pickupMs),
      `${per(run.stages.decodeMs)} / ${per(run.stages.facesMs)} / ${per(run.stages.encodeMs)} / ${per(run.stages.matchMs)} / ${per(run.stages.dbMs)}`,
      mb(run.server.peakRssBytes),
      pct(run.server.cpuAvgPercent),
      pct((run.stages.facesMs / (run.wallMs * run.workers)) * 100),
      `${s1(run.floorMs)} (${run.floorParallel})`,
      x(run.ratioToFloor),
      `${run.check.found}/${run.check.expected}, ${run.check.falseMatches.length} false, ${run.check.galleryMismatches.length ? `${run.check.galleryMismatches.length} galleries off` : 'galleries exact'}`,
    ];
  });
  const faceFound = i.runs[0]?.check.modelAlone;
  return `## 2. Photo ingest

${i.set.photos} photos of ${i.set.megapixels} MP (6000 × 4000, JPEG quality 92, ${(i.set.avgBytes / 1e6).toFixed(1)} MB on average), each
2–4 fixture photos upscaled and composited at known places (bench/.cache/photos-v1/index.json),
${i.set.expectedMatches} expected matches in all, dropped at once into the hot folder of an event with
${i.runs[0]?.attendees ?? '–'} attendees (the 5 fixture attendees with their selfies). Wall time runs from the drop
until every photo is \`done\`/\`no_faces\`/\`failed\` (polled every 500 ms).

Inference floor (baseline): the face model alone (detect + landmarks + descriptors) on the same
photos decoded to ≤1600 px beforehand, in that many processes at once.

${table(['at once', 'floor (wall)', 'per photo avg', 'p95', 'sum', 'model load', 'decode per photo (not in floor)', 'peak RSS'], floors)}

FindMe (stages per photo: decode / faces / encode / match / db, summed over the workers):

${table(['workers', 'wall', 'photos/min', 'pickup', 'stages per photo', 'peak RSS', 'CPU avg', 'inference share', 'floor', 'ratio', 'matches'], runs)}

"Inference share" is the faces stage summed over the workers ÷ (wall × workers), measured in
the same run as the wall time, so machine noise does not move it the way it moves the ratio to
a floor measured a minute earlier.

The model alone found ${faceFound ? `${faceFound.found}/${i.set.expectedMatches} of the expected matches (${faceFound.falseMatches} false)` : '–'}: what FindMe can reach with this model.${
    i.runs.some((run) => run.check.missed.length)
      ? `\nMissed by FindMe (first run with misses): ${i.runs
          .find((run) => run.check.missed.length)!
          .check.missed.slice(0, 12)
          .map((m) => `${m.attendee} in ${m.photo}`)
          .join(', ')}.`
      : ''
  }`;
}

export function soakSection(r: BenchReport): string {
  const s = r.soak;
  if (!s) return '';
  const minutes: (string | number)[][] = [];
  for (let m = 0; m * 60 < s.seconds; m++) {
    const v = s.rss.series.filter(([t]) => t >= m * 60 && t < (m + 1) * 60).map(([, mbv]) => mbv);
    if (v.length) minutes.push([`${m}–${m + 1}`, Math.round(v.reduce((a, b) => a + b, 0) / v.length), Math.round(Math.min(...v)), Math.round(Math.max(...v))]);
  }
  const eps = Object.entries(s.journeys.endpoints);
  const failures = eps.reduce((acc, [, e]) => acc + e.failures, 0);
  const worst = eps
    .sort((a, b) => b[1].p95 - a[1].p95)
    .slice(0, 3)
    .map(([n, e]) => `${n} ${ms(e.p95)}`)
    .join(', ');
  return `## 4. Memory soak

${s.attendees} attendees for ${s.seconds} s: each does the whole journey once, then return visits (\`/api/me\`,
gallery and thumbnails twice, with think time; a new login every 5th visit) until the end, while photos keep
arriving in the hot folder (2 more whenever fewer than 2 wait): ${s.photosDropped} dropped, ${s.photosProcessed} processed.
${s.journeys.journeys.returnVisits} return visits, ${failures} failed requests; slowest p95: ${worst}.

| RSS | first ${s.rss.windowSeconds} s | last ${s.rss.windowSeconds} s | growth | noise allowance | slope, 2nd half | peak |
| --- | --- | --- | --- | --- | --- | --- |
| FindMe | ${s.rss.firstMb.toFixed(0)} MB | ${s.rss.lastMb.toFixed(0)} MB | ${s.rss.growthMb.toFixed(0)} MB (${x(s.rss.lastMb / s.rss.firstMb)}) | ${s.rss.allowanceMb.toFixed(0)} MB | ${s.rss.secondHalfSlopeMbPerMin.toFixed(1)} MB/min | ${s.rss.peakMb.toFixed(0)} MB |

${s.seconds >= 120 ? table(['minute', 'mean MB', 'min', 'max'], minutes) : ''}`;
}

function floorIfGzipped(f: NonNullable<BenchReport['frontend']>): number {
  const saved = f.rawBytes - f.gzipBytes + f.css.rawBytes - f.css.gzipBytes;
  return ((f.transferBytes - saved) * 8) / NETWORK.downKbps + 2 * NETWORK.latencyMs;
}

export function frontendSection(r: BenchReport): string {
  const f = r.frontend;
  if (!f) return '';
  const rows = f.assets.map((a) => [a.file, kb(a.rawBytes), kb(a.gzipBytes)]);
  return `## 5. Attendee app

JavaScript the attendee page loads at once (its index.html's module script and modulepreloads,
dist/renderer ${f.built}); gzip at zlib's default level:

${table(['file', 'raw', 'gzipped'], [...rows, ['**total JavaScript**', kb(f.rawBytes), kb(f.gzipBytes)]])}

Plus ${kb(f.css.rawBytes)} of CSS (${kb(f.css.gzipBytes)} gzipped).

FindMe served the JS ${f.servedEncoding ? `with Content-Encoding ${f.servedEncoding}` : '**uncompressed** (no Content-Encoding)'}; ${kb(f.transferBytes)} went over the wire for the page.

First load of \`/e/CODE\` in Chromium (phone viewport, cache disabled), median of the runs:

| | DOMContentLoaded | load |
| --- | --- | --- |
| ${NETWORK.name} (${NETWORK.downKbps / 1000} Mbps down, ${NETWORK.upKbps} kbps up, ${NETWORK.latencyMs} ms latency) | ${ms(f.throttled.domContentLoaded.p50)} | ${ms(f.throttled.load.p50)} |
| unthrottled (baseline) | ${ms(f.unthrottled.domContentLoaded.p50)} | ${ms(f.unthrottled.load.p50)} |
| wire floor: bytes ÷ bandwidth + 2 × latency (baseline) | ${ms(f.wireFloorMs)} | |
| the same floor if JS and CSS were served gzipped | ${ms(floorIfGzipped(f))} | |
| ratio throttled ÷ wire floor | ${x(f.throttled.domContentLoaded.p50 / f.wireFloorMs)} | ${x(f.throttled.load.p50 / f.wireFloorMs)} |`;
}
