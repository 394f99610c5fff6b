// The gallery: a grid of the attendee's photos (newest first, more loaded as they scroll),
// a gentle "N new photos" notice as matches arrive live, the empty state, and the ZIP.
import { useEffect, useRef, type ReactNode } from 'react';
import { ZIP_URL } from '../api';
import { ErrorNotice } from '../components/error-notice';
import { PhotoImg } from '../components/photo-img';
import type { Gallery } from '../hooks/use-gallery';
import type { StreamState } from '../hooks/use-event-stream';
import { useI18n } from '../i18n/i18n';

interface Props {
  gallery: Gallery;
  hasSelfie: boolean;
  /** A selfie waits for the organiser's check (one face, one account). */
  selfieHeld?: boolean;
  /** A selfie is being checked right now. */
  selfieChecking?: boolean;
  stream: StreamState;
  /** A toast (e.g. "Photo removed" with its Undo). */
  toast: ReactNode;
  onOpen: (index: number) => void;
}

export function GallerySection({ gallery: g, hasSelfie, selfieHeld = false, selfieChecking = false, stream, toast, onOpen }: Props) {
  const { t } = useI18n();
  const sentinel = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLUListElement>(null);
  const { hasMore, loadMore } = g;

  // Load the next page when the end of the grid comes near.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore || typeof IntersectionObserver !== 'function') return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) loadMore();
      },
      { rootMargin: '600px 0px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [hasMore, loadMore]);

  const n = g.pending.length;
  const showNew = () => {
    g.showPending();
    gridRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <section className="card gallery" aria-labelledby="gallery-title">
      <div className="section-head">
        <h2 id="gallery-title">{t('galleryTitle')}</h2>
        {g.status === 'ready' && g.total > 0 && <span className="count">{g.total === 1 ? t('photoCountOne') : t('photoCountMany', { n: g.total })}</span>}
      </div>
      <div aria-live="polite" className="live-region">
        {n > 0 && (
          <button type="button" className="new-photos" onClick={showNew}>
            <span aria-hidden="true">↑ </span>
            {n === 1 ? t('newPhotosOne') : t('newPhotosMany', { n })}
          </button>
        )}
        {stream === 'reconnecting' && <p className="toast">{t('reconnecting')}</p>}
      </div>
      {toast}
      {g.status === 'loading' && <p className="hint">{t('loading')}</p>}
      {g.status === 'error' && <ErrorNotice code={g.error} onRetry={g.reload} />}
      {g.status === 'ready' && g.photos.length === 0 && (
        <div className="empty">
          <span className="empty-icon" aria-hidden="true" />
          <p>
            {hasSelfie ? t('galleryEmptyWaiting') : selfieHeld ? t('galleryEmptyHeld') : selfieChecking ? t('galleryEmptyChecking') : t('galleryEmptyNoSelfie')}
          </p>
        </div>
      )}
      {g.photos.length > 0 && (
        <>
          <ul className="grid" aria-labelledby="gallery-title" ref={gridRef}>
            {g.photos.map((p, i) => (
              <li key={p.id}>
                <button type="button" className="thumb" data-photo-id={p.id} onClick={() => onOpen(i)} aria-label={t('openPhoto', { n: i + 1 })}>
                  <PhotoImg src={p.thumbUrl} alt="" loading="lazy" decoding="async" width={200} height={200} small />
                </button>
              </li>
            ))}
          </ul>
          {g.status === 'ready' && g.error && <ErrorNotice code={g.error} />}
          {hasMore && (
            <div ref={sentinel} className="more">
              <button type="button" className="btn secondary" onClick={loadMore} disabled={g.loadingMore} aria-busy={g.loadingMore}>
                {g.loadingMore ? t('loading') : t('loadMore')}
              </button>
            </div>
          )}
          <a className="btn secondary download-all" href={ZIP_URL} download>
            <span aria-hidden="true" className="download-icon" />
            {t('downloadAll')}
          </a>
        </>
      )}
      {g.status === 'ready' && hasSelfie && stream === 'open' && g.photos.length > 0 && <p className="hint live-note">{t('live')}</p>}
    </section>
  );
}
