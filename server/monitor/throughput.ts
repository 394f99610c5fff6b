// Photos per minute and the time left, from the recent rate measured only while there was
// work: a sliding window of the last completions (60 s), restarted when the queue empties or
// after a long silence, so an idle hour or the first lone photo of a batch never turns a
// 1-minute batch into "19 minutes". Until a few completions are in, there is no estimate (null).

export interface ThroughputOptions {
  /** Completions older than this do not count. */
  windowMs?: number;
  /** Completions needed for an estimate (at least 2: one interval). */
  minSamples?: number;
  /** A silence this long between two completions starts a new run (the queue was empty). */
  idleGapMs?: number;
  now?: () => number;
}

export function createThroughput(opts: ThroughputOptions = {}) {
  const windowMs = opts.windowMs ?? 60_000;
  const minSamples = Math.max(2, opts.minSamples ?? 3);
  const idleGapMs = opts.idleGapMs ?? 30_000;
  const now = opts.now ?? Date.now;
  let times: number[] = [];
  const prune = (t: number) => {
    while (times.length && times[0]! < t - windowMs) times.shift();
  };

  /** Completions per millisecond, or null without enough of them. */
  function rate(): number | null {
    const t = now();
    prune(t);
    if (times.length < minSamples) return null;
    const first = times[0]!;
    const last = times[times.length - 1]!;
    const intervals = times.length - 1;
    const mean = (last - first) / intervals;
    // Waiting for the next completion longer than usual (a big or stuck photo) slows the rate.
    const overdue = Math.max(0, t - last - mean);
    const span = last - first + overdue;
    return span > 0 ? intervals / span : null;
  }

  return {
    /** One photo finished (done or failed). */
    record() {
      const t = now();
      const last = times[times.length - 1];
      if (last !== undefined && t - last > idleGapMs) times = [];
      prune(t);
      times.push(t);
    },
    /** Nothing is left: the next completions start a new run (idle time never dilutes the rate). */
    idle() {
      times = [];
    },
    /** Photos per minute, or null until there is enough data. */
    perMinuteOrNull(): number | null {
      const r = rate();
      return r === null ? null : r * 60_000;
    },
    /** Photos per minute, 0 without an estimate (the tray and the global counters). */
    perMinute(): number {
      return this.perMinuteOrNull() ?? 0;
    },
    /** Seconds until `remaining` photos are done at the recent rate; 0 when none is left, null without an estimate. */
    etaSeconds(remaining: number): number | null {
      if (remaining <= 0) {
        this.idle();
        return 0;
      }
      const r = rate();
      return r === null ? null : Math.ceil(remaining / r / 1000);
    },
  };
}
export type Throughput = ReturnType<typeof createThroughput>;

/** One throughput per event, for the Live page's figures of the active event. */
export function createEventThroughput(opts: ThroughputOptions = {}) {
  const byEvent = new Map<string, Throughput>();
  const of = (eventId: string) => {
    let t = byEvent.get(eventId);
    if (!t) byEvent.set(eventId, (t = createThroughput(opts)));
    return t;
  };
  return {
    record: (eventId: string) => of(eventId).record(),
    figures(eventId: string, remaining: number): { photosPerMinute: number | null; etaSeconds: number | null } {
      const t = of(eventId);
      const etaSeconds = t.etaSeconds(remaining);
      const perMinute = t.perMinuteOrNull();
      return { photosPerMinute: perMinute === null ? (remaining === 0 ? 0 : null) : Math.round(perMinute * 10) / 10, etaSeconds };
    },
    /** A purged event's figures go with it. */
    forget: (eventId: string) => void byEvent.delete(eventId),
  };
}
export type EventThroughput = ReturnType<typeof createEventThroughput>;
