// The matches an attendee has just refused ("This isn't me"), kept in memory for a short window
// so the phone's Undo can put them back as they were. A restart forgets them: the refusal then
// simply stands, which is what the attendee asked for in the first place.
import type { MatchRow } from '../db/repositories/matches-repo.js';

const MAX_KEPT = 10_000; // a bound on memory, far above what a venue produces in a window

export function createNotMeUndo(opts: { windowMs: number; now: () => number }) {
  const kept = new Map<string, { row: MatchRow; until: number }>(); // insertion order = oldest first
  const key = (attendeeId: string, photoId: string) => `${attendeeId}/${photoId}`;

  function prune() {
    const now = opts.now();
    for (const [k, v] of kept) {
      if (v.until > now && kept.size <= MAX_KEPT) break;
      kept.delete(k);
    }
  }

  return {
    keep(row: MatchRow) {
      const k = key(row.attendeeId, row.photoId);
      kept.delete(k);
      kept.set(k, { row, until: opts.now() + opts.windowMs });
      prune();
    },
    /** The refused match, once, if still within the window. */
    take(attendeeId: string, photoId: string): MatchRow | null {
      prune();
      const k = key(attendeeId, photoId);
      const entry = kept.get(k);
      kept.delete(k);
      return entry && entry.until > opts.now() ? entry.row : null;
    },
  };
}
