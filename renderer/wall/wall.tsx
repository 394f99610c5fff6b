// The slideshow: one photo at a time, full screen, cross-faded every few seconds; two <img>
// elements at most (the one fading out, the one shown), each photo decoded before it is shown.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WallWords } from './i18n';
import { emptyQueue, next, withPoll } from './slide-queue';
import { useWallFeed } from './use-wall-feed';

export const SLIDE_MS = 6000;
/** After a photo could not be loaded (hidden meanwhile, or the network): the next one, soon. */
const RETRY_MS = 2000;
const POINTER_MS = 3000;

interface Slide {
  id: string;
  url: string;
}

export function Wall({ wallKey, t }: { wallKey: string; t: WallWords }) {
  const feed = useWallFeed(wallKey);
  const [slides, setSlides] = useState<{ current: Slide | null; previous: Slide | null }>({ current: null, previous: null });
  const [pointer, setPointer] = useState(false);
  const queue = useRef(emptyQueue());
  const urls = useRef(new Map<string, string>());
  const currentId = useRef<string | null>(null);
  const loadingId = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const generation = useRef(0);

  const advance = useCallback(() => {
    clearTimeout(timer.current);
    const gen = ++generation.current;
    const { id, queue: rest } = next(queue.current, currentId.current);
    queue.current = rest;
    loadingId.current = null;
    if (!id) {
      currentId.current = null;
      setSlides({ current: null, previous: null });
      return;
    }
    if (id === currentId.current) {
      timer.current = setTimeout(advance, SLIDE_MS); // the only photo: it stays
      return;
    }
    const url = urls.current.get(id) ?? '';
    loadingId.current = id;
    const img = new Image();
    img.src = url;
    img.decode().then(
      () => {
        if (gen !== generation.current) return;
        loadingId.current = null;
        currentId.current = id;
        setSlides((s) => ({ previous: s.current, current: { id, url } }));
        timer.current = setTimeout(advance, SLIDE_MS);
      },
      () => {
        if (gen !== generation.current) return;
        loadingId.current = null;
        timer.current = setTimeout(advance, RETRY_MS);
      },
    );
  }, []);

  useEffect(() => () => clearTimeout(timer.current), []);

  // Each poll: new photos jump the queue; the photo shown leaves at once if it left the wall.
  useEffect(() => {
    if (feed.state === 'loading') return;
    const photos = feed.state === 'on' ? feed.wall.photos : [];
    const ids = photos.map((p) => p.id);
    urls.current = new Map(photos.map((p) => [p.id, p.url]));
    queue.current = withPoll(queue.current, ids);
    const shown = currentId.current;
    const stale = (shown !== null && !ids.includes(shown)) || (loadingId.current !== null && !ids.includes(loadingId.current));
    // A photo that left the wall (hidden, or an attendee said "not me") leaves the screen now, not
    // after the next photo has loaded, and never fades out in front of the room.
    if (shown !== null && !ids.includes(shown)) currentId.current = null;
    const keep = (slide: Slide | null) => (slide && ids.includes(slide.id) ? slide : null);
    setSlides((now) =>
      keep(now.current) === now.current && keep(now.previous) === now.previous ? now : { current: keep(now.current), previous: keep(now.previous) },
    );
    const waiting = shown === null && loadingId.current === null && ids.length > 0;
    if (stale || waiting) advance();
  }, [feed, advance]);

  // The pointer and the full-screen button show while the mouse moves.
  useEffect(() => {
    let hide: ReturnType<typeof setTimeout> | undefined;
    const moved = () => {
      setPointer(true);
      clearTimeout(hide);
      hide = setTimeout(() => setPointer(false), POINTER_MS);
    };
    window.addEventListener('pointermove', moved);
    return () => {
      window.removeEventListener('pointermove', moved);
      clearTimeout(hide);
    };
  }, []);

  const toggleFullScreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen().catch(() => {});
  };

  if (feed.state === 'loading') return <main className="wall message">{t.loading}</main>;
  if (feed.state === 'off') {
    return (
      <main className="wall message">
        <h1>{t.off}</h1>
        <p>{t.offHelp}</p>
      </main>
    );
  }
  const empty = feed.wall.photos.length === 0 && !slides.current;
  return (
    <main className={`wall ${pointer ? 'pointer' : ''}`} onDoubleClick={toggleFullScreen}>
      {slides.previous && <img key={`${slides.previous.id}-out`} className="slide out" src={slides.previous.url} alt="" />}
      {slides.current && <img key={slides.current.id} className="slide in" src={slides.current.url} alt={t.photoAlt} data-photo-id={slides.current.id} />}
      {empty ? (
        <div className="idle">
          <h1>{feed.wall.eventName}</h1>
          <p>{t.idle}</p>
        </div>
      ) : (
        <p className="event-name">{feed.wall.eventName}</p>
      )}
      {feed.offline && (
        <p className="offline" role="status">
          {t.offline}
        </p>
      )}
      <button type="button" className="full-screen" onClick={toggleFullScreen}>
        {t.fullScreen}
      </button>
    </main>
  );
}
