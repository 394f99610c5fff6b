// Checks an event code as it is typed (GET /api/check-event-code, debounced).
import { useEffect, useState } from 'react';
import type { JoinEvent } from '../../../server/contract/attendee';
import { EVENT_CODE_PATTERN } from '../../../server/contract/limits';
import { api, errorCode, isAbort } from '../api';
import { useDebouncedValue } from './use-debounced-value';

export const CODE_RE = new RegExp(EVENT_CODE_PATTERN);

export type EventCodeCheck =
  { state: 'idle' } | { state: 'checking' } | { state: 'valid'; event: JoinEvent } | { state: 'invalid' } | { state: 'error'; code: string };

export function useEventCode(code: string, retry: number): EventCodeCheck {
  const debounced = useDebouncedValue(code, 300);
  const [result, setResult] = useState<EventCodeCheck>({ state: 'idle' });
  const settled = debounced === code;

  useEffect(() => {
    if (!CODE_RE.test(debounced)) {
      setResult({ state: 'idle' });
      return;
    }
    const ctrl = new AbortController();
    setResult({ state: 'checking' });
    api
      .checkEventCode(debounced, ctrl.signal)
      .then((res) => setResult(res.valid && res.event ? { state: 'valid', event: res.event } : { state: 'invalid' }))
      .catch((err: unknown) => {
        if (!isAbort(err)) setResult({ state: 'error', code: errorCode(err) });
      });
    return () => ctrl.abort();
  }, [debounced, retry]);

  if (!CODE_RE.test(code)) return { state: 'idle' };
  return settled ? result : { state: 'checking' };
}
