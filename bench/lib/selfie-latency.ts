// Selfie to gallery, measured from a phone: a fixture attendee (whose photos the event already
// holds) registers, uploads their phone selfie, and polls /api/my-photos until every photo they
// are in is there. Timed from the start of the upload. Then the account is deleted, so the
// next repetition of the same face starts clean (a face goes to its nearest attendee only).
import { readFileSync } from 'node:fs';
import { request } from './http.js';
import { PASSWORD, selfieForm } from './journey.js';

export interface LatencyJob {
  base: string;
  code: string;
  people: { attendee: string; selfie: string; expectedIds: string[] }[];
  reps: number;
  firstDelayMs: number;
  intervalMs: number;
  /** Between one person's start and the next one's. */
  staggerMs: number;
  timeoutMs: number;
  pollMs: number;
  /**
   * An event of its own for each repetition (code, and each person's expected photo ids there):
   * a person's account is deleted after each repetition, and with it the descriptors of the
   * faces it was matched to, so the same face cannot find those photos again in that event.
   */
  repEvents?: { code: string; expected: Record<string, string[]> }[];
}

export interface LatencySample {
  attendee: string;
  rep: number;
  /** ms after the load started */
  startedAtMs: number;
  uploadMs: number;
  totalMs: number;
  complete: boolean;
  found: number;
  expected: number;
  error?: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function once(job: LatencyJob, person: LatencyJob['people'][number], rep: number, selfie: Blob, loadStart: number): Promise<LatencySample> {
  const event = job.repEvents?.[rep];
  const expectedIds = event?.expected[person.attendee] ?? person.expectedIds;
  const sample: LatencySample = { attendee: person.attendee, rep, startedAtMs: Date.now() - loadStart, uploadMs: 0, totalMs: 0, complete: false, found: 0, expected: expectedIds.length };
  const username = `${person.attendee}-r${rep}-${process.pid}`;
  const reg = await request(`${job.base}/api/register`, { method: 'POST', json: { code: event?.code ?? job.code, username, password: PASSWORD, consent: true } });
  if (reg.status !== 201) return { ...sample, error: `register ${reg.status || reg.error}` };
  const token = reg.body.token as string;
  const t0 = performance.now();
  const up = await request(`${job.base}/api/upload-selfie`, { method: 'POST', token, form: selfieForm(selfie), timeoutMs: 120_000 });
  sample.uploadMs = up.ms;
  if (up.status !== 202) return { ...sample, error: `upload ${up.status || up.error}` };
  const want = new Set(expectedIds);
  while (performance.now() - t0 < job.timeoutMs) {
    const page = await request(`${job.base}/api/my-photos?limit=100`, { token });
    const ids = ((page.body?.photos ?? []) as { id: string }[]).map((p) => p.id).filter((id) => want.has(id));
    sample.found = new Set(ids).size;
    if (sample.found === want.size) {
      sample.complete = true;
      break;
    }
    await sleep(job.pollMs);
  }
  sample.totalMs = performance.now() - t0;
  await request(`${job.base}/api/me`, { method: 'DELETE', token });
  return sample;
}

/** Runs every person's repetitions (people in parallel, repetitions one after another). */
export async function measureSelfieToGallery(job: LatencyJob, loadStart: number, deadline: number): Promise<LatencySample[]> {
  const samples: LatencySample[] = [];
  await Promise.all(job.people.map(async (person, k) => {
    const selfie = new Blob([readFileSync(person.selfie)], { type: 'image/jpeg' });
    for (let rep = 0; rep < job.reps; rep++) {
      const at = loadStart + job.firstDelayMs + rep * job.intervalMs + k * job.staggerMs;
      await sleep(Math.max(0, at - Date.now()));
      if (Date.now() + job.timeoutMs > deadline) break;
      samples.push(await once(job, person, rep, selfie, loadStart));
    }
  }));
  return samples;
}
