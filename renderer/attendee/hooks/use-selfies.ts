// The attendee's selfies: their statuses (from /api/me, then live from the stream, with a
// slow poll as a safety net while one is being checked or held for the organiser) and the
// upload of a new one (shrunk on the phone, sent with a progress bar).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Selfie } from '../../../server/contract/attendee';
import { MAX_SELFIES } from '../../../server/contract/limits';
import { api, errorCode, uploadSelfie } from '../api';
import { shrinkImage } from '../shrink-image';

export { MAX_SELFIES };

export type UploadState = { phase: 'idle' } | { phase: 'preparing' } | { phase: 'uploading'; fraction: number } | { phase: 'error'; code: string };

export interface Selfies {
  selfies: Selfie[];
  upload: UploadState;
  /** Object URL of the last picture sent from this phone (shown next to its status). */
  preview: { selfieId: string; url: string } | null;
  apply: (s: Selfie) => void;
  refresh: () => void;
  send: (file: File) => void;
}

export function useSelfies(initial: Selfie[]): Selfies {
  const [selfies, setSelfies] = useState(initial);
  const [upload, setUpload] = useState<UploadState>({ phase: 'idle' });
  const [preview, setPreview] = useState<Selfies['preview']>(null);
  const previewRef = useRef(preview);
  previewRef.current = preview;

  const apply = useCallback((s: Selfie) => {
    // News of a selfie replaces an old upload error: one message at a time.
    setUpload((u) => (u.phase === 'error' ? { phase: 'idle' } : u));
    setSelfies((cur) => (cur.some((c) => c.id === s.id) ? cur.map((c) => (c.id === s.id ? s : c)) : [...cur, s]));
  }, []);

  const refresh = useCallback(() => {
    api.me().then(
      (me) => setSelfies(me.selfies),
      () => undefined,
    );
  }, []);

  const processing = selfies.some((s) => s.status === 'processing');
  // A selfie held for the organiser's check can wait minutes: poll it slowly.
  const held = selfies.some((s) => s.status === 'held');
  useEffect(() => {
    if (!processing && !held) return;
    const timer = setInterval(refresh, processing ? 4000 : 15_000);
    return () => clearInterval(timer);
  }, [processing, held, refresh]);

  useEffect(
    () => () => {
      if (previewRef.current) URL.revokeObjectURL(previewRef.current.url);
    },
    [],
  );

  const send = useCallback(
    (file: File) => {
      setUpload({ phase: 'preparing' });
      (async () => {
        const small = await shrinkImage(file);
        setUpload({ phase: 'uploading', fraction: 0 });
        const res = await uploadSelfie(small, (fraction) => setUpload({ phase: 'uploading', fraction }));
        const url = URL.createObjectURL(small);
        setPreview((old) => {
          if (old) URL.revokeObjectURL(old.url);
          return { selfieId: res.selfie.id, url };
        });
        setSelfies((cur) => (cur.some((c) => c.id === res.selfie.id) ? cur : [...cur, { id: res.selfie.id, status: 'processing' }]));
        setUpload({ phase: 'idle' });
      })().catch((err: unknown) => {
        setUpload({ phase: 'error', code: errorCode(err) });
        if (errorCode(err) === 'too_many_selfies') refresh();
      });
    },
    [refresh],
  );

  return { selfies, upload, preview, apply, refresh, send };
}
