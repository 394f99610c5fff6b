// Selfie to gallery, measured from a phone: a fixture attendee (whose photos the event already
// holds) registers, uploads their phone selfie, and polls /api/my-photos until every photo they
// are in is there. Timed from the start of the upload. Then the account is deleted, so the
// next repetition of the same face starts clean (a face goes to its nearest attendee only).
// Each repetition uploads every selfie variant at the same time (as the phone app uploads it,
// shrunk to 1600 px; the camera's 12 MP original), each from a phone of its own address and in
// an event of its own.
import { readFileSync } from 'node:fs';
import { loopback } from './addresses.js';
import { phoneAgent, request } from './http.js';
import { PASSWORD, selfieForm } from './journey.js';

export interface LatencyJob {
  base: string;
  code: string;
  /** Each person's selfie file per variant (in the order of `variants`). */
  people: { attendee: string; selfies: string[]; expectedIds: string[] }[];
  /** Names of the selfie variants; each repetition uploads every variant at once (two phones). */
  variants: string[];
  /** The block of the probe phones' source addresses (see addresses.ts). */
  addressBlock: number;
  reps: number;
  firstDelayMs: number;
  intervalMs: number;
  /** Between one person's start and the next one's. */
  staggerMs: number;
  timeoutMs: number;
  pollMs: number;
  /**
   * An event of its own for each repetition and variant, at rep × variants + variant (code, and
   * each person's expected photo ids there):
   * a person's account is deleted after each repetition, and with it the descriptors of the
   * faces it was matched to, so the same face cannot find those photos again in that event.
   */
  repEvents?: { code: string; expected: Record<string, string[]> }[];
}

export interface LatencySample {
  attendee: string;
  rep: number;
  variant?: string;
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
type Request = (url: string, init?: Parameters<typeof request>[1]) => ReturnType<typeof request>;

async function once(job: LatencyJob, k: number, rep: number, v: number, selfie: Blob, loadStart: number): Promise<LatencySample> {
  const person = job.people[k]!;
  const slot = rep * job.variants.length + v; // the event and the phone of this upload
  const event = job.repEvents?.[slot];
  const expectedIds = event?.expected[person.attendee] ?? person.expectedIds;
  const sample: LatencySample = {
    attendee: person.attendee,
    rep,
    variant: job.variants[v],
    startedAtMs: Date.now() - loadStart,
    uploadMs: 0,
    totalMs: 0,
    complete: false,
    found: 0,
    expected: expectedIds.length,
  };
  const agent = phoneAgent(loopback(job.addressBlock, slot * job.people.length + k));
  try {
    return await timed(job, event?.code ?? job.code, `${person.attendee}-r${slot}-${process.pid}`, expectedIds, selfie, sample, (url, init) =>
      request(url, { ...init, agent }),
    );
  } finally {
    agent.destroy();
  }
}

async function timed(
  job: LatencyJob,
  code: string,
  username: string,
  expectedIds: string[],
  selfie: Blob,
  sample: LatencySample,
  request: Request,
): Promise<LatencySample> {
  const reg = await request(`${job.base}/api/register`, { method: 'POST', json: { code, username, password: PASSWORD, consent: true } });
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
  await Promise.all(
    job.people.map(async (person, k) => {
      const selfies = person.selfies.map((path) => new Blob([readFileSync(path)], { type: 'image/jpeg' }));
      for (let rep = 0; rep < job.reps; rep++) {
        const at = loadStart + job.firstDelayMs + rep * job.intervalMs + k * job.staggerMs;
        await sleep(Math.max(0, at - Date.now()));
        if (Date.now() + job.timeoutMs > deadline) break;
        samples.push(...(await Promise.all(selfies.map((selfie, v) => once(job, k, rep, v, selfie, loadStart)))));
      }
    }),
  );
  return samples;
}
