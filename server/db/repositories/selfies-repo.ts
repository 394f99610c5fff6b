// Attendee selfies and their face descriptors.
import type { SelfieRejection, SelfieStatus } from '../../contract/attendee.js';
import type { Db } from '../database.js';
import { blobToDescriptor, descriptorToBlob } from './photos-repo.js';

export interface SelfieRow {
  id: string;
  attendeeId: string;
  eventId: string;
  status: SelfieStatus;
  reason: SelfieRejection | null;
}

const COLUMNS = 'id, attendee_id AS attendeeId, event_id AS eventId, status, reason';

export function createSelfiesRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO selfies (id, attendee_id, event_id, status, created_at) VALUES (?, ?, ?, 'processing', ?)`);
  const byId = db.prepare(`SELECT ${COLUMNS} FROM selfies WHERE id = ?`);
  const byAttendee = db.prepare(`SELECT ${COLUMNS} FROM selfies WHERE attendee_id = ? ORDER BY created_at, id`);
  const countActive = db.prepare(`SELECT COUNT(*) AS n FROM selfies WHERE attendee_id = ? AND status != 'rejected'`);
  const accept = db.prepare(`UPDATE selfies SET status = 'accepted', reason = NULL, descriptor = ?, model = ?, held_for = NULL, processed_at = ? WHERE id = ?`);
  const reject = db.prepare(`UPDATE selfies SET status = 'rejected', reason = ?, descriptor = NULL, processed_at = ? WHERE id = ?`);
  const hold = db.prepare(`UPDATE selfies SET status = 'held', reason = NULL, descriptor = ?, model = ?, held_for = ?, processed_at = ? WHERE id = ?`);
  const heldDescriptor = db.prepare(`SELECT descriptor FROM selfies WHERE id = ? AND status = 'held'`);
  const listHeld = db.prepare(`SELECT s.id, s.attendee_id AS attendeeId, s.held_for AS heldFor, s.processed_at AS heldAt,
      (SELECT o.id FROM selfies o WHERE o.attendee_id = s.held_for AND o.status = 'accepted' ORDER BY o.created_at LIMIT 1) AS heldForSelfieId
    FROM selfies s WHERE s.event_id = ? AND s.status = 'held' ORDER BY s.processed_at`);
  const setProcessing = db.prepare(`UPDATE selfies SET status = 'processing', reason = NULL, descriptor = NULL WHERE id = ?`);
  const accepted = db.prepare(`SELECT attendee_id AS attendeeId, descriptor FROM selfies WHERE event_id = ? AND status = 'accepted' AND model = ?`);
  const acceptedAttendees = db.prepare(`SELECT DISTINCT attendee_id AS attendeeId FROM selfies WHERE event_id = ? AND status = 'accepted'`);
  const staleModel = db.prepare(`SELECT id FROM selfies WHERE event_id = ? AND status = 'accepted' AND model IS NOT ?`);
  const staleCount = db.prepare(`SELECT COUNT(*) AS n FROM selfies WHERE event_id = ? AND status = 'accepted' AND model IS NOT ?`);
  const statusByAttendee = db.prepare(`SELECT attendee_id AS attendeeId,
      CASE WHEN SUM(status = 'accepted') > 0 THEN 'accepted' WHEN SUM(status = 'processing') > 0 THEN 'processing'
           WHEN SUM(status = 'held') > 0 THEN 'held'
           WHEN COUNT(*) > 0 THEN 'rejected' END AS status
    FROM selfies WHERE event_id = ? GROUP BY attendee_id`);

  const sentSince = db.prepare('SELECT COUNT(*) AS n FROM selfies WHERE attendee_id = ? AND created_at > ?');
  return {
    /** Selfies an attendee sent after `since` (ms), whatever became of them. */
    countSentSince: (attendeeId: string, since: number) => (sentSince.get(attendeeId, since) as { n: number }).n,
    insert: (id: string, attendeeId: string, eventId: string, now: number) => void insert.run(id, attendeeId, eventId, now),
    findById: (id: string) => byId.get(id) as SelfieRow | undefined,
    listByAttendee: (attendeeId: string) => byAttendee.all(attendeeId) as SelfieRow[],
    /** Selfies that count against the limit: accepted or still processing. */
    countActive: (attendeeId: string) => (countActive.get(attendeeId) as { n: number }).n,
    accept: (id: string, descriptor: Float32Array, model: string, now: number) => void accept.run(descriptorToBlob(descriptor), model, now, id),
    /** Held for the operator: it looks like `heldFor`'s accepted selfie. */
    hold: (id: string, descriptor: Float32Array, model: string, heldFor: string, now: number) =>
      void hold.run(descriptorToBlob(descriptor), model, heldFor, now, id),
    heldDescriptor: (id: string) => {
      const row = heldDescriptor.get(id) as { descriptor: Buffer | null } | undefined;
      return row?.descriptor ? blobToDescriptor(row.descriptor) : null;
    },
    listHeld: (eventId: string) =>
      listHeld.all(eventId) as { id: string; attendeeId: string; heldFor: string; heldAt: number; heldForSelfieId: string | null }[],
    reject: (id: string, reason: SelfieRejection, now: number) => void reject.run(reason, now, id),
    setProcessing: (id: string) => void setProcessing.run(id),
    /** The event's accepted selfies described by `model`. */
    acceptedDescriptors: (eventId: string, model: string) =>
      (accepted.all(eventId, model) as { attendeeId: string; descriptor: Buffer }[]).map((r) => ({
        attendeeId: r.attendeeId,
        descriptor: blobToDescriptor(r.descriptor),
      })),
    /** Attendees with an accepted selfie, whatever the engine. */
    acceptedAttendeeIds: (eventId: string) => new Set((acceptedAttendees.all(eventId) as { attendeeId: string }[]).map((r) => r.attendeeId)),
    /** Accepted selfies described by another model than `model`. */
    staleModel: (eventId: string, model: string) => (staleModel.all(eventId, model) as { id: string }[]).map((r) => r.id),
    staleCount: (eventId: string, model: string) => (staleCount.get(eventId, model) as { n: number }).n,
    statusByAttendee: (eventId: string) =>
      new Map((statusByAttendee.all(eventId) as { attendeeId: string; status: SelfieStatus }[]).map((r) => [r.attendeeId, r.status])),
  };
}
export type SelfiesRepo = ReturnType<typeof createSelfiesRepo>;
