// The attendees' open live streams, by owner: at most `perAttendee` each (a new one closes the
// owner's oldest), at most `total` in all (room is kept for ordinary requests), and closed at
// once when their session, account or event ends (with the reason, when the phone should be told).
import type { StreamEndReason } from '../contract/attendee.js';

/** Ends one stream; with a reason, the phone is told it before the stream closes. */
export type CloseStream = (reason?: StreamEndReason) => void;
export interface StreamOwner {
  attendeeId: string;
  eventId: string;
  /** sha256 of the session token, hex. */
  sessionHash: string;
}

export function createAttendeeStreams(limits: { perAttendee: () => number; total: () => number }) {
  const open = new Map<CloseStream, StreamOwner>(); // insertion order = oldest first

  return {
    /** Room for one more stream in all? */
    hasRoom: () => open.size < limits.total(),
    /** Registers an open stream (closing the owner's oldest past the limit); `close` must call remove(). */
    add(owner: StreamOwner, close: CloseStream) {
      const mine = [...open].filter(([, o]) => o.attendeeId === owner.attendeeId).map(([c]) => c);
      open.set(close, owner);
      const excess = mine.length + 1 - limits.perAttendee();
      for (const oldest of mine.slice(0, Math.max(0, excess))) oldest();
    },
    remove(close: CloseStream) {
      open.delete(close);
    },
    /** Closes the streams whose owner matches; returns how many. */
    closeWhere(match: (owner: StreamOwner) => boolean, reason?: StreamEndReason): number {
      const doomed = [...open].filter(([, o]) => match(o)).map(([c]) => c);
      doomed.forEach((close) => close(reason));
      return doomed.length;
    },
    count: () => open.size,
  };
}
export type AttendeeStreams = ReturnType<typeof createAttendeeStreams>;
