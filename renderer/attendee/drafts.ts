// Half-filled forms survive a reload and Back/Forward: their fields are kept in sessionStorage
// (this tab only, gone when it closes). Never the password: it is kept in memory only, so it
// survives going back and forth between steps but not a reload.
import { useCallback, useState } from 'react';

const PREFIX = 'findme.draft.';

function read<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

function write(key: string, value: unknown) {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // storage blocked or full: the form simply is not kept
  }
}

/** Was something kept under this key (a form coming back after a reload or Forward)? */
export const hasDraft = (key: string) => read(key) !== null;

/** useState kept in sessionStorage under `key`; `initial` when nothing is kept. */
export function useDraft<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => read<T>(key) ?? initial);
  const set = useCallback(
    (next: T) => {
      setValue(next);
      write(key, next);
    },
    [key],
  );
  return [value, set];
}

const memory = new Map<string, string>();

/** A secret kept for this page's life only (the password typed while signing up). */
export function useMemoryOnly(key: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => memory.get(key) ?? '');
  const set = useCallback(
    (next: string) => {
      setValue(next);
      memory.set(key, next);
    },
    [key],
  );
  return [value, set];
}

/** Forgets every draft and secret: the account exists, or the attendee left. */
export function clearDrafts() {
  memory.clear();
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // nothing was kept
  }
}
