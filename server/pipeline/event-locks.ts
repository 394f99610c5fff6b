// Per-event readers-writer locks, in this process (the only job runner). With Rekognition the
// matching happens in AWS calls, outside any SQLite transaction, so a photo and a selfie of one
// event processed at the same time could each miss the other: the photo searched before the
// selfie's attendee was accepted, the selfie looked before the photo's faces were saved.
// Photo jobs hold the event's lock shared while they search and save; selfie jobs hold it
// exclusively while they rematch and save: one of the two always sees the other.
// Waiters are served in arrival order (a selfie is not starved by a stream of photos).

interface Waiter {
  exclusive: boolean;
  grant: () => void;
}
interface EventLock {
  readers: number;
  writer: boolean;
  queue: Waiter[];
}

export function createEventLocks() {
  const locks = new Map<string, EventLock>();

  function pump(eventId: string, lock: EventLock) {
    while (lock.queue.length > 0 && !lock.writer) {
      const next = lock.queue[0]!;
      if (next.exclusive && lock.readers > 0) break;
      lock.queue.shift();
      if (next.exclusive) lock.writer = true;
      else lock.readers++;
      next.grant();
    }
    if (!lock.writer && lock.readers === 0 && lock.queue.length === 0) locks.delete(eventId);
  }

  async function hold<T>(eventId: string, exclusive: boolean, fn: () => Promise<T>): Promise<T> {
    let lock = locks.get(eventId);
    if (!lock) locks.set(eventId, (lock = { readers: 0, writer: false, queue: [] }));
    const held = lock;
    await new Promise<void>((grant) => {
      held.queue.push({ exclusive, grant });
      pump(eventId, held);
    });
    try {
      return await fn();
    } finally {
      if (exclusive) held.writer = false;
      else held.readers--;
      pump(eventId, held);
    }
  }

  return {
    shared: <T>(eventId: string, fn: () => Promise<T>) => hold(eventId, false, fn),
    exclusive: <T>(eventId: string, fn: () => Promise<T>) => hold(eventId, true, fn),
  };
}
export type EventLocks = ReturnType<typeof createEventLocks>;
