// Photos per minute over a sliding window, and the time left for what is queued.
export function createThroughput(windowMs = 120_000, now: () => number = Date.now) {
  const completions: number[] = [];
  const prune = (t: number) => {
    while (completions.length && completions[0]! < t - windowMs) completions.shift();
  };
  return {
    record() {
      const t = now();
      completions.push(t);
      prune(t);
    },
    perMinute(): number {
      const t = now();
      prune(t);
      if (completions.length < 2) return completions.length === 1 ? 1 : 0;
      const span = Math.max(t - completions[0]!, 10_000); // avoid a huge rate from two close completions
      return (completions.length / span) * 60_000;
    },
    /** Seconds until `remaining` are done at the current rate, or null when nothing runs. */
    etaSeconds(remaining: number): number | null {
      const rate = this.perMinute();
      if (remaining === 0) return 0;
      return rate > 0 ? Math.round((remaining / rate) * 60) : null;
    },
  };
}
export type Throughput = ReturnType<typeof createThroughput>;
