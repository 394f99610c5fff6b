// The job scheduler on a real SQLite file: selfies first, capacity respected, thrown errors
// retried up to the limit, a `failed` outcome failed at once, `deferred` ones never counted,
// leases recovered at start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/database.js';
import { createJobsRepo, type JobRow } from '../../../server/db/repositories/jobs-repo.js';
import { jobCapacity } from '../../../server/jobs/capacity.js';
import { deferred, DONE, failed as failedOutcome, SKIPPED, type JobOutcome } from '../../../server/jobs/job-outcome.js';
import { createScheduler } from '../../../server/jobs/scheduler.js';

const dir = mkdtempSync(join(tmpdir(), 'findme-sched-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function setup(behaviour: (job: JobRow, run: number) => Promise<JobOutcome | void>, capacity = 1) {
  const db = openDatabase(join(dir, `s${n++}.db`));
  const jobs = createJobsRepo(db);
  const runs = new Map<string, number>();
  const order: string[] = [];
  const failed: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const handler = {
    async run(job: JobRow) {
      running++;
      maxRunning = Math.max(maxRunning, running);
      order.push(job.refId);
      const count = (runs.get(job.refId) ?? 0) + 1;
      runs.set(job.refId, count);
      try {
        return (await behaviour(job, count)) ?? DONE;
      } finally {
        running--;
      }
    },
    failed: (job: JobRow) => void failed.push(job.refId),
  };
  const scheduler = createScheduler({
    jobs,
    handlers: { photo: handler, selfie: handler },
    capacity: () => capacity,
    backoffBaseMs: 10,
    deferDelayMs: 10,
    pollMs: 10,
  });
  return { db, jobs, scheduler, runs, order, failed, maxRunning: () => maxRunning };
}

const idle = async (jobs: ReturnType<typeof createJobsRepo>) => {
  for (let i = 0; i < 500; i++) {
    const c = jobs.counts();
    if (c.queued === 0 && c.running === 0) return c;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('not idle');
};

it('runs selfies before photos and never more than the capacity at once', async () => {
  const t = setup(() => new Promise((r) => setTimeout(r, 5)), 2);
  for (let i = 0; i < 6; i++) t.jobs.enqueue('photo', `p${i}`, Date.now());
  t.jobs.enqueue('selfie', 's1', Date.now());
  t.jobs.enqueue('photo', 'p0', Date.now()); // the same job twice is one job
  t.scheduler.start();
  await idle(t.jobs);
  await t.scheduler.stop();
  expect(t.order[0]).toBe('s1');
  expect(t.order).toHaveLength(7);
  expect(t.maxRunning()).toBe(2);
});

it('retries thrown errors up to 3 attempts, fails a failed outcome at once, and counts a skipped job done', async () => {
  const t = setup(async (job, run) => {
    if (job.refId === 'flaky' && run < 3) throw new Error('worker crashed');
    if (job.refId === 'broken') return failedOutcome('unreadable_image: truncated');
    if (job.refId === 'hopeless') throw new Error('always crashes');
    if (job.refId === 'gone') return SKIPPED;
    return DONE;
  });
  for (const id of ['flaky', 'broken', 'hopeless', 'gone']) t.jobs.enqueue('photo', id, Date.now());
  t.scheduler.start();
  const counts = await idle(t.jobs);
  await t.scheduler.stop();
  expect(counts).toMatchObject({ done: 2, failed: 2 });
  expect([t.runs.get('flaky'), t.runs.get('broken'), t.runs.get('hopeless'), t.runs.get('gone')]).toEqual([3, 1, 3, 1]);
  const failed = t.jobs.list('failed', 10);
  expect(failed.find((j) => j.refId === 'broken')?.error).toBe('unreadable_image: truncated');
  expect(failed.find((j) => j.refId === 'hopeless')?.error).toBe('always crashes');
  expect(t.failed.sort()).toEqual(['broken', 'hopeless']);
});

it('does not count deferred attempts: an outage of any length loses no job', async () => {
  const t = setup(async (_job, run) => {
    if (run <= 6) return deferred('rekognition unreachable: connect ECONNREFUSED');
  });
  t.jobs.enqueue('photo', 'waiting', Date.now());
  t.scheduler.start();
  const counts = await idle(t.jobs);
  await t.scheduler.stop();
  expect(counts).toMatchObject({ done: 1, failed: 0 });
  expect(t.runs.get('waiting')).toBe(7);
});

it('puts jobs left running by a crash back in the queue at start', async () => {
  const t = setup(async () => undefined);
  t.jobs.enqueue('photo', 'cut', Date.now());
  expect(t.jobs.claim(Date.now(), 60_000)?.refId).toBe('cut'); // claimed, then the process "died"
  expect(t.jobs.counts().running).toBe(1);
  t.scheduler.start();
  await idle(t.jobs);
  await t.scheduler.stop();
  expect(t.jobs.counts()).toMatchObject({ done: 1, running: 0 });
});

it('holds one image slot back while passwords wait, and adds Rekognition slots on top', () => {
  expect(jobCapacity({ poolSize: 2, passwordsWaiting: 0, rekognitionSlots: 0 })).toBe(2);
  expect(jobCapacity({ poolSize: 2, passwordsWaiting: 3, rekognitionSlots: 0 })).toBe(1);
  expect(jobCapacity({ poolSize: 1, passwordsWaiting: 3, rekognitionSlots: 0 })).toBe(1); // never zero
  expect(jobCapacity({ poolSize: 2, passwordsWaiting: 0, rekognitionSlots: 10 })).toBe(12);
});
