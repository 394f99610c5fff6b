// What the slideshow shows next: newest first, round and round; a photo that arrives jumps the
// queue; a photo that leaves the wall is dropped at once. Plain data, no timers.
export interface SlideQueue {
  /** The wall's photo ids, newest approval first, as last polled. */
  ids: string[];
  upcoming: string[];
}

export const emptyQueue = (): SlideQueue => ({ ids: [], upcoming: [] });

/** A new poll: new ids go to the front (newest first), ids gone from the wall are dropped. */
export function withPoll(q: SlideQueue, ids: string[]): SlideQueue {
  const before = new Set(q.ids);
  const now = new Set(ids);
  const arrived = ids.filter((id) => !before.has(id));
  return { ids, upcoming: [...arrived, ...q.upcoming.filter((id) => now.has(id) && !arrived.includes(id))] };
}

/** The next photo after `current` (null when the wall is empty), and the queue without it. */
export function next(q: SlideQueue, current: string | null): { id: string | null; queue: SlideQueue } {
  if (q.ids.length === 0) return { id: null, queue: { ids: [], upcoming: [] } };
  let upcoming = q.upcoming.filter((id) => id !== current);
  if (upcoming.length === 0) {
    // A new round, from the photo after the current one (so no photo is skipped or shown twice in a row).
    const at = current === null ? -1 : q.ids.indexOf(current);
    upcoming = q.ids.length > 1 ? [...q.ids.slice(at + 1), ...q.ids.slice(0, Math.max(at, 0))] : [...q.ids];
  }
  const [id, ...rest] = upcoming;
  return { id: id ?? null, queue: { ids: q.ids, upcoming: rest } };
}
