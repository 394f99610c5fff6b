// Real galleries, browsed as a phone does: log in, then page through /api/my-photos (30 a page)
// loading each page's thumbnails six at a time with think time between pages (scrolling), open
// a few previews (think time between them) and download a few originals. Each attendee is a
// phone of its own address. Runs in the load driver's process.
import { loopback } from './addresses.js';
import { phoneAgent } from './http.js';
import { Abort, phoneCaller } from './journey.js';
import { Recorder } from './recorder.js';
import { rng, summarize } from './stats.js';

export interface BrowseJob {
  kind: 'browse';
  base: string;
  eventId: string;
  usernames: string[];
  password: string;
  /** Attendees start evenly over this time. */
  rampMs: number;
  /** Nothing new is sent after this many ms. */
  maxMs: number;
  addressBlock: number;
  /** Think time between two screens, uniform in [min, max] ms. */
  thinkMs: [number, number];
  previews: number;
  originals: number;
  /** Seed of the choices (which previews and originals). */
  seed: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const PAGE = 30;
const PAGES_MAX = 20;

interface Outcome {
  ok: boolean;
  reason?: string;
  photos: number;
}

async function browseOne(job: BrowseJob, rec: Recorder, index: number, deadline: number): Promise<Outcome> {
  const agent = phoneAgent(loopback(job.addressBlock, index));
  const call = phoneCaller(job.base, rec, agent, deadline);
  const random = rng(job.seed + index);
  const think = () => sleep(Math.min(job.thinkMs[0] + random() * (job.thinkMs[1] - job.thinkMs[0]), Math.max(0, deadline - Date.now())));
  const ids: string[] = [];
  try {
    const login = await call('login', '/api/login', {
      method: 'POST',
      json: { identifier: job.usernames[index], password: job.password, eventId: job.eventId },
    });
    const token = login.body.token as string;
    let cursor: string | null = null;
    for (let page = 0; page < PAGES_MAX; page++) {
      const res = await call('my-photos', `/api/my-photos?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
      const photos = (res.body?.photos ?? []) as { id: string }[];
      ids.push(...photos.map((p) => p.id));
      for (let i = 0; i < photos.length; i += 6) {
        await Promise.all(photos.slice(i, i + 6).map((p) => call('photo-thumb', `/api/photo/${p.id}?size=thumb`, { token, binary: true })));
      }
      cursor = res.body?.nextCursor ?? null;
      if (!cursor) break;
      await think();
    }
    const pick = () => ids[Math.floor(random() * ids.length)]!;
    for (let i = 0; i < job.previews && ids.length; i++) {
      await think();
      await call('photo-preview', `/api/photo/${pick()}?size=preview`, { token, binary: true });
    }
    for (let i = 0; i < job.originals && ids.length; i++) {
      await think();
      await call('photo-original', `/api/photo/${pick()}?size=original`, { token, binary: true, timeoutMs: 60_000 });
    }
    return { ok: true, photos: ids.length };
  } catch (err) {
    if (!(err instanceof Abort)) throw err;
    return { ok: false, reason: err.message, photos: ids.length };
  } finally {
    agent.destroy();
  }
}

export async function browseGalleries(job: BrowseJob) {
  const start = Date.now();
  const deadline = start + job.maxMs;
  const rec = new Recorder();
  const outcomes = await Promise.all(
    job.usernames.map(async (_, i) => {
      await sleep((job.rampMs * i) / job.usernames.length);
      return browseOne(job, rec, i, deadline);
    }),
  );
  const failedBecause: Record<string, number> = {};
  for (const o of outcomes) if (!o.ok) failedBecause[o.reason ?? '?'] = (failedBecause[o.reason ?? '?'] ?? 0) + 1;
  return {
    durationMs: Date.now() - start,
    endpoints: rec.summary(),
    attendees: outcomes.length,
    completed: outcomes.filter((o) => o.ok).length,
    failedBecause,
    photosSeen: summarize(outcomes.map((o) => o.photos)),
  };
}
export type BrowseResult = Awaited<ReturnType<typeof browseGalleries>>;
