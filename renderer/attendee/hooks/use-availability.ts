// Username and e-mail availability within the event, checked as they are typed (debounced).
import { useEffect, useState } from 'react';
import { api, isAbort } from '../api';
import { useDebouncedValue } from './use-debounced-value';

export type Availability = 'idle' | 'checking' | 'available' | 'taken';

export const USERNAME_RE = /^[\p{L}\p{N}._-]{3,32}$/u;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function useAvailability(eventCode: string, field: 'username' | 'email', value: string, valid: boolean): Availability {
  const trimmed = value.trim();
  const debounced = useDebouncedValue(trimmed, 400);
  const [result, setResult] = useState<{ value: string; availability: Availability }>({ value: '', availability: 'idle' });

  useEffect(() => {
    if (!debounced || !valid) return;
    const ctrl = new AbortController();
    api
      .availability(eventCode, { [field]: debounced }, ctrl.signal)
      .then((res) => {
        const free = field === 'username' ? res.usernameAvailable : res.emailAvailable;
        setResult({ value: debounced, availability: free === false ? 'taken' : 'available' });
      })
      .catch((err: unknown) => {
        // A failed check says nothing: the server checks again at registration.
        if (!isAbort(err)) setResult({ value: debounced, availability: 'idle' });
      });
    return () => ctrl.abort();
  }, [eventCode, field, debounced, valid]);

  if (!trimmed || !valid) return 'idle';
  return result.value === trimmed ? result.availability : 'checking';
}
