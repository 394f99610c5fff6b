// Caps calls to Rekognition: at most `cap()` in flight (a semaphore) and at most `tps()` started
// in any one second (a sliding window: a start waits until the one `tps` starts back is a
// second old). Both are read at every decision, so a settings change applies at once; calls
// waiting are served first come, first served.

export interface Limiter {
  /** Runs `fn` once a slot is free and the rate allows; the slot is held until it settles. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  inFlight(): number;
  waiting(): number;
  /** The most calls that were ever in flight at once. */
  maxInFlight(): number;
  cap(): number;
  /** Re-checks the queue (call it when cap or tps grew). */
  poke(): void;
}

export function createLimiter(opts: { cap: () => number; tps: () => number; now?: () => number }): Limiter {
  const now = opts.now ?? (() => performance.now());
  const queue: (() => void)[] = [];
  const starts: number[] = []; // the last `tps` start times, oldest first
  let inFlight = 0;
  let maxInFlight = 0;
  let timer: NodeJS.Timeout | undefined;

  function pump() {
    while (queue.length > 0 && inFlight < Math.max(1, opts.cap())) {
      const tps = Math.max(1, opts.tps());
      const t = now();
      while (starts.length > 0 && (starts.length > tps || starts[0]! <= t - 1000)) starts.shift();
      if (starts.length >= tps) {
        if (!timer) {
          timer = setTimeout(
            () => {
              timer = undefined;
              pump();
            },
            Math.max(1, Math.ceil(starts[0]! + 1000 - t)),
          );
        }
        return;
      }
      starts.push(t);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      queue.shift()!();
    }
  }

  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      await new Promise<void>((resolve) => {
        queue.push(resolve);
        pump();
      });
      try {
        return await fn();
      } finally {
        inFlight--;
        pump();
      }
    },
    inFlight: () => inFlight,
    waiting: () => queue.length,
    maxInFlight: () => maxInFlight,
    cap: () => Math.max(1, opts.cap()),
    poke: pump,
  };
}
