// The attendee's gallery: pages of /api/my-photos (newest first, keyset cursor), new matches
// announced by the live stream gathered as "pending" until the attendee taps to show them,
// and local removal after "This isn't me" (and its return after an Undo).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GalleryPhoto } from '../../../server/contract/attendee';
import { api, errorCode } from '../api';

export interface Gallery {
  photos: GalleryPhoto[];
  pending: GalleryPhoto[];
  total: number;
  hasMore: boolean;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  loadingMore: boolean;
  reload: () => void;
  loadMore: () => void;
  /** A `match` event arrived: fetch the new photos (bursts are coalesced). */
  onMatch: () => void;
  showPending: () => void;
  remove: (photoId: string) => void;
  /** Puts a removed photo back in its place (an undone "This isn't me"). */
  restore: (photo: GalleryPhoto) => void;
}

const PAGE = 30;
const MAX_NEW_PAGES = 10;

export function useGallery(): Gallery {
  const [photos, setPhotos] = useState<GalleryPhoto[]>([]);
  const [pending, setPending] = useState<GalleryPhoto[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState(0);
  const [status, setStatus] = useState<Gallery['status']>('loading');
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const latest = useRef({ photos, pending, cursor, status });
  latest.current = { photos, pending, cursor, status };
  const refreshing = useRef(false);
  const dirty = useRef(false);
  const matchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const fetchNew = useCallback(async () => {
    if (refreshing.current || latest.current.status !== 'ready') {
      dirty.current = true;
      return;
    }
    refreshing.current = true;
    dirty.current = false;
    try {
      const { photos: shown, pending: waiting } = latest.current;
      const known = new Set([...shown, ...waiting].map((p) => p.id));
      const fresh: GalleryPhoto[] = [];
      let next: string | null = null;
      for (let page = 0; page < MAX_NEW_PAGES; page++) {
        const res = await api.myPhotos(next, PAGE);
        const unseen = res.photos.filter((p) => !known.has(p.id));
        fresh.push(...unseen);
        if (unseen.length < res.photos.length || !res.nextCursor) break; // reached what we had
        next = res.nextCursor;
      }
      if (fresh.length === 0) return;
      if (latest.current.photos.length === 0) {
        // Nothing on screen yet: nothing moves, so show them at once.
        setPhotos((cur) => [...fresh.filter((p) => !cur.some((c) => c.id === p.id)), ...cur]);
        setTotal((n) => n + fresh.length);
      } else {
        setPending((cur) => [...fresh.filter((p) => !cur.some((c) => c.id === p.id)), ...cur]);
      }
    } catch {
      dirty.current = true; // try again at the next event or resync
    } finally {
      refreshing.current = false;
      if (dirty.current) matchTimer.current = setTimeout(() => void fetchNew(), 2000);
    }
  }, []);

  const reload = useCallback(() => {
    setStatus('loading');
    setError(null);
    Promise.all([api.myPhotos(null, PAGE), api.me()]).then(
      ([page, me]) => {
        setPhotos(page.photos);
        setPending([]);
        setCursor(page.nextCursor);
        setTotal(me.photoCount);
        setStatus('ready');
        // What fetchNew() compares against, before React re-renders.
        latest.current = { photos: page.photos, pending: [], cursor: page.nextCursor, status: 'ready' };
        if (dirty.current) void fetchNew();
      },
      (err: unknown) => {
        setError(errorCode(err));
        setStatus('error');
      },
    );
  }, [fetchNew]);

  useEffect(() => {
    reload();
    return () => clearTimeout(matchTimer.current);
  }, [reload]);

  const loadMore = useCallback(() => {
    const { cursor: from } = latest.current;
    if (!from || loadingMore) return;
    setLoadingMore(true);
    api
      .myPhotos(from, PAGE)
      .then(
        (page) => {
          setPhotos((cur) => [...cur, ...page.photos.filter((p) => !cur.some((c) => c.id === p.id))]);
          setCursor(page.nextCursor);
        },
        (err: unknown) => setError(errorCode(err)),
      )
      .finally(() => setLoadingMore(false));
  }, [loadingMore]);

  const onMatch = useCallback(() => {
    clearTimeout(matchTimer.current);
    matchTimer.current = setTimeout(() => void fetchNew(), 400);
  }, [fetchNew]);

  const showPending = useCallback(() => {
    const waiting = latest.current.pending;
    setPhotos((cur) => [...waiting.filter((p) => !cur.some((c) => c.id === p.id)), ...cur]);
    setTotal((n) => n + waiting.length);
    setPending([]);
  }, []);

  const remove = useCallback((photoId: string) => {
    if (latest.current.photos.some((p) => p.id === photoId)) setTotal((n) => Math.max(0, n - 1));
    setPhotos((cur) => cur.filter((p) => p.id !== photoId));
    setPending((cur) => cur.filter((p) => p.id !== photoId));
  }, []);

  const restore = useCallback((photo: GalleryPhoto) => {
    // Newest first, as the server orders them: by matchedAt, then id.
    const after = (p: GalleryPhoto) => p.matchedAt < photo.matchedAt || (p.matchedAt === photo.matchedAt && p.id < photo.id);
    setPhotos((cur) => {
      if (cur.some((p) => p.id === photo.id)) return cur;
      const at = cur.findIndex(after);
      return at < 0 ? [...cur, photo] : [...cur.slice(0, at), photo, ...cur.slice(at)];
    });
    if (!latest.current.photos.some((p) => p.id === photo.id)) setTotal((n) => n + 1);
  }, []);

  return {
    photos,
    pending,
    total: Math.max(total, photos.length),
    hasMore: cursor !== null,
    status,
    error,
    loadingMore,
    reload,
    loadMore,
    onMatch,
    showPending,
    remove,
    restore,
  };
}
