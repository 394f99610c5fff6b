// The wall's photos, polled every few seconds: one request at a time, each with a deadline, so
// it runs for hours without piling up, and picks up again by itself after a server restart.
import { useEffect, useState } from 'react';
import type { PublicWall } from '../../server/contract/wall';

export const POLL_MS = 3000;
const DEADLINE_MS = 10_000;

export type WallFeed =
  | { state: 'loading' }
  /** Wrong key, or the operator turned the wall off (which forgets its key). */
  | { state: 'off' }
  /** `offline`: the last poll failed; what was there keeps showing. */
  | { state: 'on'; wall: PublicWall; offline: boolean };

export function useWallFeed(key: string): WallFeed {
  const [feed, setFeed] = useState<WallFeed>({ state: 'loading' });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight: AbortController | undefined;
    const poll = async () => {
      inFlight = new AbortController();
      const deadline = setTimeout(() => inFlight?.abort(), DEADLINE_MS);
      try {
        const res = await fetch(`/api/wall/${encodeURIComponent(key)}`, { signal: inFlight.signal, cache: 'no-store' });
        if (res.status === 404 || res.status === 400) setFeed({ state: 'off' });
        else if (res.ok) setFeed({ state: 'on', wall: (await res.json()) as PublicWall, offline: false });
        else throw new Error(`HTTP ${res.status}`);
      } catch {
        if (!stopped) setFeed((f) => (f.state === 'on' ? { ...f, offline: true } : f));
      } finally {
        clearTimeout(deadline);
        if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      inFlight?.abort();
    };
  }, [key]);
  return feed;
}
