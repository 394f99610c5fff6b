// The durable job queue's table: claim with a lease, finish, fail with backoff, recover.
import type { Db } from '../database.js';

export type JobKind = 'selfie' | 'photo';
export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobRow {
  id: number;
  kind: JobKind;
  refId: string;
  priority: number;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  error: string | null;
}

export interface FailedJobOfEvent {
  id: number;
  kind: JobKind;
  refId: string;
  attempts: number;
  error: string | null;
  failedAt: number;
  name: string;
}

const COLUMNS = 'id, kind, ref_id AS refId, priority, state, attempts, max_attempts AS maxAttempts, error';
export const PRIORITY: Record<JobKind, number> = { selfie: 0, photo: 10 };

export function createJobsRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO jobs (kind, ref_id, priority, state, max_attempts, run_after, created_at, updated_at)
    VALUES (?, ?, ?, 'queued', ?, ?, ?, ?) ON CONFLICT(kind, ref_id) DO NOTHING`);
  const claim = db.prepare(`UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_until = @leaseUntil, updated_at = @now
    WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND run_after <= @now ORDER BY priority, id LIMIT 1)
    RETURNING ${COLUMNS}`);
  const done = db.prepare(`UPDATE jobs SET state = 'done', lease_until = NULL, error = NULL, updated_at = ? WHERE id = ? AND state = 'running'`);
  const requeue = db.prepare(`UPDATE jobs SET state = 'queued', lease_until = NULL, error = ?, run_after = ?, updated_at = ? WHERE id = ?`);
  // A deferred job waits for an outside service: its attempt does not count.
  const defer = db.prepare(
    `UPDATE jobs SET state = 'queued', attempts = MAX(attempts - 1, 0), lease_until = NULL, error = ?, run_after = ?, updated_at = ? WHERE id = ?`,
  );
  const fail = db.prepare(`UPDATE jobs SET state = 'failed', lease_until = NULL, error = ?, updated_at = ? WHERE id = ?`);
  const recoverExpired = db.prepare(`UPDATE jobs SET state = 'queued', lease_until = NULL, updated_at = ? WHERE state = 'running' AND lease_until < ?`);
  const retry = db.prepare(`UPDATE jobs SET state = 'queued', attempts = 0, error = NULL, run_after = ?, updated_at = ? WHERE id = ? AND state = 'failed'`);
  const retryAll = db.prepare(
    `UPDATE jobs SET state = 'queued', attempts = 0, error = NULL, run_after = ?, updated_at = ? WHERE state = 'failed' RETURNING ${COLUMNS}`,
  );
  const byId = db.prepare(`SELECT ${COLUMNS} FROM jobs WHERE id = ?`);
  const removeFor = db.prepare('DELETE FROM jobs WHERE kind = ? AND ref_id = ?');
  const counts = db.prepare('SELECT state, COUNT(*) AS n FROM jobs GROUP BY state');
  const list = db.prepare(`SELECT ${COLUMNS} FROM jobs WHERE state = ? ORDER BY id DESC LIMIT ?`);
  const listAll = db.prepare(`SELECT ${COLUMNS} FROM jobs ORDER BY id DESC LIMIT ?`);
  const total = db.prepare('SELECT COUNT(*) AS n FROM jobs');
  const again = db.prepare(`UPDATE jobs SET state = 'queued', attempts = 0, error = NULL, lease_until = NULL, run_after = ?, updated_at = ?
    WHERE kind = ? AND ref_id = ? AND state IN ('done', 'failed')`);
  // An event's failed jobs (a photo of it, or a selfie of one of its attendees), newest first.
  const FAILED_OF_EVENT = `SELECT j.id AS id, j.kind, j.ref_id AS refId, j.attempts, j.error, j.updated_at AS failedAt, p.file_name AS name
      FROM jobs j JOIN photos p ON p.id = j.ref_id WHERE j.state = 'failed' AND j.kind = 'photo' AND p.event_id = @eventId
    UNION ALL
    SELECT j.id, j.kind, j.ref_id, j.attempts, j.error, j.updated_at, a.username
      FROM jobs j JOIN selfies s ON s.id = j.ref_id JOIN attendees a ON a.id = s.attendee_id
      WHERE j.state = 'failed' AND j.kind = 'selfie' AND s.event_id = @eventId`;
  const failedOfEvent = db.prepare(`${FAILED_OF_EVENT} ORDER BY failedAt DESC, id DESC LIMIT @limit`);
  const failedCountOfEvent = db.prepare(`SELECT COUNT(*) AS n FROM (${FAILED_OF_EVENT})`);

  return {
    /** Adds a job unless one exists for the same thing (idempotent). */
    /** Runs a finished job once more (the model changed): its handler is idempotent. */
    runAgain: (kind: JobKind, refId: string, now: number) => again.run(now, now, kind, refId).changes === 1,
    enqueue(kind: JobKind, refId: string, now: number, maxAttempts = 3) {
      insert.run(kind, refId, PRIORITY[kind], maxAttempts, now, now, now);
    },
    claim: (now: number, leaseMs: number) => claim.get({ now, leaseUntil: now + leaseMs }) as JobRow | undefined,
    markDone: (id: number, now: number) => void done.run(now, id),
    requeue: (id: number, error: string, runAfter: number, now: number) => void requeue.run(error, runAfter, now, id),
    defer: (id: number, error: string, runAfter: number, now: number) => void defer.run(error, runAfter, now, id),
    markFailed: (id: number, error: string, now: number) => void fail.run(error, now, id),
    /** Running jobs whose lease ran out (a crash, a power cut) go back to the queue. */
    recoverExpired: (now: number) => recoverExpired.run(now, now).changes,
    retry: (id: number, now: number) => retry.run(now, now, id).changes === 1,
    retryAllFailed: (now: number) => retryAll.all(now, now) as JobRow[],
    findById: (id: number) => byId.get(id) as JobRow | undefined,
    /** Deletes the job of a photo or selfie that is being deleted (a running one finds nothing to update when it ends). */
    removeFor: (kind: JobKind, refId: string) => void removeFor.run(kind, refId),
    counts(): Record<JobState, number> {
      const out: Record<JobState, number> = { queued: 0, running: 0, done: 0, failed: 0 };
      for (const r of counts.all() as { state: JobState; n: number }[]) out[r.state] = r.n;
      return out;
    },
    total: () => (total.get() as { n: number }).n,
    list: (state: JobState | undefined, limit: number) => (state ? list.all(state, limit) : listAll.all(limit)) as JobRow[],
    /** An event's failed jobs with the photo's file name or the selfie's username, newest first. */
    failedOfEvent: (eventId: string, limit: number) => failedOfEvent.all({ eventId, limit }) as FailedJobOfEvent[],
    failedCountOfEvent: (eventId: string) => (failedCountOfEvent.get({ eventId }) as { n: number }).n,
  };
}
export type JobsRepo = ReturnType<typeof createJobsRepo>;
