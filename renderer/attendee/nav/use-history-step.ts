// The current step, kept in the browser's history: push() adds an entry (Back returns here),
// replace() changes this one, back() goes to the previous entry of ours (or replaces this one
// with `fallback` when there is none, e.g. the first page opened from a QR code), and
// reset() drops the app's entries before this one (after signing in or out, Back should not
// reopen a sign-up form or a gallery).
import { useCallback, useEffect, useRef, useState } from 'react';
import { readEntry, type Entry, type Step } from './steps';

export interface HistoryNav {
  step: Step | null;
  push: (step: Step, url?: string) => void;
  replace: (step: Step, url?: string) => void;
  back: (fallback: Step) => void;
  reset: (step: Step, url?: string) => void;
  /** A reset is on its way through history (the entry shown is about to change). */
  resetting: () => boolean;
}

export function useHistoryStep(): HistoryNav {
  const [entry, setEntry] = useState<Entry | null>(() => readEntry(history.state));
  const current = useRef(entry);
  current.current = entry;
  // A reset waits for the history.go() it started to land, then takes that entry.
  const pendingReset = useRef<{ step: Step; url?: string } | null>(null);

  useEffect(() => {
    // The app restores its own scroll position (top of each new screen), not the browser.
    if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
    const onPop = (e: PopStateEvent) => {
      const reset = pendingReset.current;
      if (reset) {
        pendingReset.current = null;
        const next: Entry = { findme: 1, depth: 0, step: reset.step };
        history.replaceState(next, '', reset.url);
        setEntry(next);
        return;
      }
      setEntry(readEntry(e.state));
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const push = useCallback((step: Step, url?: string) => {
    const next: Entry = { findme: 1, depth: (current.current?.depth ?? -1) + 1, step };
    if (current.current) history.pushState(next, '', url);
    else history.replaceState({ ...next, depth: 0 }, '', url); // the first entry of ours
    setEntry(current.current ? next : { ...next, depth: 0 });
  }, []);

  const replace = useCallback((step: Step, url?: string) => {
    const next: Entry = { findme: 1, depth: current.current?.depth ?? 0, step };
    history.replaceState(next, '', url);
    setEntry(next);
  }, []);

  const back = useCallback(
    (fallback: Step) => {
      if ((current.current?.depth ?? 0) > 0) history.back();
      else replace(fallback);
    },
    [replace],
  );

  const reset = useCallback(
    (step: Step, url?: string) => {
      const depth = current.current?.depth ?? 0;
      if (depth > 0) {
        pendingReset.current = { step, url };
        setEntry({ findme: 1, depth: 0, step }); // shown at once; history catches up
        history.go(-depth);
      } else replace(step, url);
    },
    [replace],
  );

  const resetting = useCallback(() => pendingReset.current !== null, []);
  return { step: entry?.step ?? null, push, replace, back, reset, resetting };
}
