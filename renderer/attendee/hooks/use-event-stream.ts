// The attendee's live stream (GET /api/stream, server-sent events): selfie status changes and
// new matches. EventSource reconnects by itself after a network drop; when the server refuses
// the stream (the session is gone), `onUnauthorized` is called instead. After every reconnect
// `onResync` lets the caller fetch what it may have missed. When the organiser removes the
// attendee, the server says so (`ended`) before closing: `onRemoved`, and no reconnection.
import { useEffect, useRef, useState } from 'react';
import type { AttendeeStreamEvents } from '../../../server/contract/attendee';
import { api, errorCode } from '../api';

export type StreamState = 'connecting' | 'open' | 'reconnecting';

export interface StreamHandlers {
  onSelfie: (e: AttendeeStreamEvents['selfie']) => void;
  onMatch: (e: AttendeeStreamEvents['match']) => void;
  /** The organiser took the photo away from the attendee or deleted it. */
  onPhotoRemoved?: (photoId: string) => void;
  onResync: () => void;
  onUnauthorized: () => void;
  onRemoved: () => void;
}

function parse<T>(e: Event): T | null {
  try {
    return JSON.parse((e as MessageEvent<string>).data) as T;
  } catch {
    return null;
  }
}

export function useEventStream(handlers: StreamHandlers): StreamState {
  const ref = useRef(handlers);
  ref.current = handlers;
  const [state, setState] = useState<StreamState>('connecting');

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let opened = false;

    const connect = () => {
      source = new EventSource('/api/stream');
      source.onopen = () => {
        setState('open');
        if (opened) ref.current.onResync();
        opened = true;
      };
      source.addEventListener('selfie', (e) => {
        const data = parse<AttendeeStreamEvents['selfie']>(e);
        if (data) ref.current.onSelfie(data);
      });
      source.addEventListener('match', (e) => {
        const data = parse<AttendeeStreamEvents['match']>(e);
        if (data) ref.current.onMatch(data);
      });
      source.addEventListener('photo-removed', (e) => {
        const data = parse<AttendeeStreamEvents['photo-removed']>(e);
        if (data) ref.current.onPhotoRemoved?.(data.photoId);
      });
      source.addEventListener('ended', (e) => {
        const data = parse<AttendeeStreamEvents['ended']>(e);
        if (data?.reason !== 'removed') return;
        stopped = true;
        source?.close();
        ref.current.onRemoved();
      });
      source.onerror = () => {
        if (stopped || !source) return;
        setState('reconnecting');
        if (source.readyState !== EventSource.CLOSED) return; // the browser retries by itself
        // Refused (401, or a proxy in the way): find out why before trying again.
        source.close();
        api.me().then(
          () => {
            if (!stopped) retryTimer = setTimeout(connect, 3000);
          },
          (err: unknown) => {
            const code = errorCode(err);
            if (code === 'unauthorized' || code === 'session_expired') ref.current.onUnauthorized();
            else if (!stopped) retryTimer = setTimeout(connect, 5000);
          },
        );
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  }, []);

  return state;
}
