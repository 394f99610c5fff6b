// Failed logins counted per account (OWASP's advice: throttle by account, not only by address,
// so that a group of phones behind one router is never blocked for one person's typos, and a
// password guesser gains nothing by changing address). After `freeFailures` wrong passwords in
// `windowMs`, the identifier is refused for a time that doubles with each further failure, up
// to `maxLockMs`; a successful login clears it. Unknown identifiers are counted the same way,
// so the answer never tells whether an account exists.
import { LRUCache } from 'lru-cache';

export interface LoginThrottleOptions {
  freeFailures: number;
  windowMs: number;
  firstLockMs: number;
  maxLockMs: number;
  now?: () => number;
}

export const LOGIN_THROTTLE: LoginThrottleOptions = { freeFailures: 5, windowMs: 15 * 60_000, firstLockMs: 30_000, maxLockMs: 15 * 60_000 };

interface Record {
  failures: number;
  lockedUntil: number;
}

export function createLoginThrottle(opts: LoginThrottleOptions = LOGIN_THROTTLE) {
  const now = opts.now ?? Date.now;
  const records = new LRUCache<string, Record>({ max: 100_000, ttl: opts.windowMs, ttlAutopurge: false });

  return {
    /** Milliseconds until this identifier may try again; 0 when it may now. */
    waitMs(identifier: string): number {
      const r = records.get(identifier);
      return r ? Math.max(0, r.lockedUntil - now()) : 0;
    },
    failed(identifier: string) {
      const r = records.get(identifier) ?? { failures: 0, lockedUntil: 0 };
      r.failures++;
      const over = r.failures - opts.freeFailures;
      if (over >= 0) r.lockedUntil = now() + Math.min(opts.maxLockMs, opts.firstLockMs * 2 ** over);
      records.set(identifier, r); // the window restarts at each failure
    },
    succeeded(identifier: string) {
      records.delete(identifier);
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
