// Full-screen photo viewer (a modal <dialog>): swipe or arrow keys between photos, download
// the original, share where the phone can share files, and "This isn't me".
import { useEffect, useRef, useState, type ReactNode, type TouchEvent } from 'react';
import type { GalleryPhoto } from '../../../server/contract/attendee';
import { api, errorCode, photoUrl } from '../api';
import { ErrorNotice } from '../components/error-notice';
import { PhotoImg } from '../components/photo-img';
import { useI18n } from '../i18n/i18n';

interface Props {
  photos: GalleryPhoto[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
  /** "This isn't me" succeeded: drop the photo from the gallery. */
  onRemoved: (photo: GalleryPhoto) => void;
  /** The toast to show above the photo (the viewer is a modal: the page's toast is hidden). */
  toast?: ReactNode;
}

let shareSupport: boolean | undefined;
function canShareFiles(): boolean {
  if (shareSupport === undefined) {
    try {
      shareSupport =
        typeof navigator.share === 'function' &&
        typeof navigator.canShare === 'function' &&
        navigator.canShare({ files: [new File(['x'], 'photo.jpg', { type: 'image/jpeg' })] });
    } catch {
      shareSupport = false;
    }
  }
  return shareSupport;
}

const SWIPE_PX = 60;

export function Viewer({ photos, index, onIndex, onClose, onRemoved, toast }: Props) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const touch = useRef<{ x: number; y: number; horizontal: boolean | null } | null>(null);
  const [drag, setDrag] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shareFile, setShareFile] = useState<{ id: string; file: File } | null>(null);
  const [shareNote, setShareNote] = useState('');
  const photo = photos[index];
  const total = photos.length;

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  useEffect(() => {
    setConfirming(false);
    setError(null);
    setShareNote('');
    // Fetch the neighbours' previews ahead, so a swipe shows them at once.
    for (const i of [index - 1, index + 1]) {
      const p = photos[i];
      if (p) new Image().src = p.previewUrl;
    }
  }, [index, photos]);

  if (!photo) return null;
  const go = (delta: number) => {
    const next = index + delta;
    if (next >= 0 && next < total) onIndex(next);
  };

  const onTouchStart = (e: TouchEvent) => {
    const p = e.touches[0];
    if (p && e.touches.length === 1) touch.current = { x: p.clientX, y: p.clientY, horizontal: null };
  };
  const onTouchMove = (e: TouchEvent) => {
    const start = touch.current;
    const p = e.touches[0];
    if (!start || !p) return;
    const dx = p.clientX - start.x;
    const dy = p.clientY - start.y;
    if (start.horizontal === null && Math.abs(dx) + Math.abs(dy) > 8) start.horizontal = Math.abs(dx) > Math.abs(dy);
    if (start.horizontal) {
      const atEdge = (dx > 0 && index === 0) || (dx < 0 && index === total - 1);
      setDrag(atEdge ? dx / 4 : dx); // resist at the ends
    }
  };
  const onTouchEnd = (e: TouchEvent) => {
    const start = touch.current;
    const p = e.changedTouches[0];
    touch.current = null;
    setDrag(0);
    if (!start?.horizontal || !p) return;
    const dx = p.clientX - start.x;
    if (dx <= -SWIPE_PX) go(1);
    else if (dx >= SWIPE_PX) go(-1);
  };

  async function share() {
    if (!photo) return;
    try {
      let file = shareFile?.id === photo.id ? shareFile.file : null;
      if (!file) {
        const res = await fetch(photo.previewUrl, { credentials: 'same-origin' });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const blob = await res.blob();
        file = new File([blob], `findme-${photo.id}.jpg`, { type: blob.type || 'image/jpeg' });
        setShareFile({ id: photo.id, file });
      }
      await navigator.share({ files: [file] });
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'NotAllowedError')
        setShareNote(t('shareReady')); // the fetch outlived the tap
      else if (name !== 'AbortError') setError('network_error');
    }
  }

  async function notMe() {
    if (!photo) return;
    setBusy(true);
    setError(null);
    try {
      await api.notMe(photo.id);
      onRemoved(photo);
    } catch (err) {
      const code = errorCode(err);
      if (code === 'not_found')
        onRemoved(photo); // already gone
      else setError(code);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  const title = t('viewerTitle', { n: index + 1, total });
  return (
    <dialog
      ref={dialog}
      className="viewer"
      aria-labelledby="viewer-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight') go(1);
        else if (e.key === 'ArrowLeft') go(-1);
      }}
    >
      <div className="viewer-top">
        <h2 id="viewer-title" aria-live="polite">
          {title}
        </h2>
        <button type="button" className="btn ghost on-dark" onClick={onClose} autoFocus>
          <span aria-hidden="true">✕ </span>
          {t('close')}
        </button>
      </div>
      <div
        className="viewer-stage"
        onTouchStart={onTouchStart}
        onTouchMove={onTouchMove}
        onTouchEnd={onTouchEnd}
        onTouchCancel={() => {
          touch.current = null;
          setDrag(0);
        }}
      >
        <PhotoImg
          key={photo.id}
          src={photo.previewUrl}
          alt={t('photoAlt', { n: index + 1, total })}
          style={drag ? { transform: `translateX(${drag}px)` } : undefined}
          draggable={false}
        />
        {index > 0 && (
          <button type="button" className="nav prev" onClick={() => go(-1)} aria-label={t('previous')}>
            <span aria-hidden="true">‹</span>
          </button>
        )}
        {index < total - 1 && (
          <button type="button" className="nav next" onClick={() => go(1)} aria-label={t('next')}>
            <span aria-hidden="true">›</span>
          </button>
        )}
      </div>
      {total > 1 && <p className="swipe-hint">{t('swipeHint')}</p>}
      <div role="status" className="viewer-status">
        {shareNote}
      </div>
      <ErrorNotice code={error} />
      {toast}
      {confirming ? (
        <div className="confirm on-dark" role="group" aria-labelledby="notme-q">
          <p id="notme-q">{t('notMeConfirm')}</p>
          <div className="actions row">
            <button type="button" className="btn danger" onClick={() => void notMe()} disabled={busy} aria-busy={busy}>
              {t('notMeYes')}
            </button>
            <button type="button" className="btn ghost on-dark" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="viewer-actions">
          <a className="btn on-dark" href={photoUrl(photo.id, 'original')} download>
            <span aria-hidden="true" className="download-icon" />
            {t('download')}
          </a>
          {canShareFiles() && (
            <button type="button" className="btn on-dark" onClick={() => void share()}>
              <span aria-hidden="true" className="share-icon" />
              {t('share')}
            </button>
          )}
          <button type="button" className="btn on-dark" onClick={() => setConfirming(true)}>
            {t('notMe')}
          </button>
        </div>
      )}
    </dialog>
  );
}
