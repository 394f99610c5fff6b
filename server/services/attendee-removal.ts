// The operator removes an attendee: their account and everything of it (as when they delete it
// themselves), and their phones' live streams are closed.
import type { AttendeeRow, AttendeesRepo } from '../db/repositories/attendees-repo.js';

export interface AttendeeRemovalDeps {
  attendees: Pick<AttendeesRepo, 'findById'>;
  /** Deletes the account and all its data (gallery-service, and Rekognition's copy when used). */
  deleteAccount: (attendee: AttendeeRow) => Promise<void>;
  closeStreams: (attendeeId: string) => void;
}

export function createAttendeeRemoval(deps: AttendeeRemovalDeps) {
  /** False when the event has no such attendee. */
  return async function removeAttendee(eventId: string, attendeeId: string): Promise<boolean> {
    const attendee = deps.attendees.findById(attendeeId);
    if (!attendee || attendee.eventId !== eventId) return false;
    await deps.deleteAccount(attendee);
    deps.closeStreams(attendeeId);
    return true;
  };
}
