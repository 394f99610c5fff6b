// A photo's page, opened from the Photos grid: a modal dialog (Esc closes it, focus stays
// inside) with the whole photo and its faces (face-editor.tsx), and "Delete photo" with a
// confirmation. Every change is the server's answer shown back, and the grid is told.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AdminAttendee, AttendeeList, PhotoDetail as Detail } from '../../../server/contract/admin';
import { ApiError } from '../../shared/api-client';
import { useDashboard } from '../state';
import { useAdminImage } from './admin-image';
import { FaceBoxes, FaceList } from './face-editor';
import './photo-detail.css';

export function PhotoDetail({ photoId, onClose, onChanged }: { photoId: string; onClose(message?: string): void; onChanged(): void }) {
  const { api, t } = useDashboard();
  const dialog = useRef<HTMLDialogElement>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [missing, setMissing] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [attendees, setAttendees] = useState<AdminAttendee[]>([]);
  const [feedback, setFeedback] = useState<{ text: string; ok: boolean } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const preview = useAdminImage(detail?.photo.previewUrl ?? null);
  const eventId = detail?.photo.eventId;

  const errorText = useCallback(
    (e: unknown) => {
      if (e instanceof ApiError && e.code === 'not_found') return t.photoMissing;
      const key = e instanceof ApiError ? `err_${e.code}` : '';
      return key in t ? (t[key as keyof typeof t] as string) : (e as Error).message;
    },
    [t],
  );

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  useEffect(() => {
    let live = true;
    api.get<Detail>(`/api/admin/photos/${photoId}`).then(
      (d) => {
        if (!live) return;
        setDetail(d);
        setSelected((cur) => cur ?? d.faces[0]?.index ?? null);
      },
      (e: unknown) => live && (e instanceof ApiError && e.status === 404 ? setMissing(true) : setFeedback({ text: errorText(e), ok: false })),
    );
    return () => {
      live = false;
    };
  }, [api, photoId, errorText]);

  useEffect(() => {
    if (!eventId) return;
    api.get<AttendeeList>(`/api/admin/events/${eventId}/attendees`).then(
      (r) => setAttendees(r.attendees),
      () => setAttendees([]),
    );
  }, [api, eventId]);

  async function assign(index: number, to: { id: string; displayName: string } | null) {
    const before = detail?.faces.find((f) => f.index === index)?.attendee?.displayName ?? t.noOne;
    setBusy(true);
    try {
      const next = await api.put<Detail>(`/api/admin/photos/${photoId}/faces/${index}`, { attendeeId: to?.id ?? null });
      setDetail(next);
      setFeedback({ text: to ? t.gaveFace(index + 1, to.displayName) : t.tookFace(index + 1, before), ok: true });
      onChanged();
    } catch (e) {
      setFeedback({ text: errorText(e), ok: false });
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    try {
      await api.del(`/api/admin/photos/${photoId}`);
      onChanged();
      onClose(t.photoDeleted(detail?.photo.fileName ?? ''));
    } catch (e) {
      setFeedback({ text: errorText(e), ok: false });
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      className="photo-dialog"
      aria-labelledby="photo-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="photo-dialog-head">
        <h2 id="photo-dialog-title">{detail ? detail.photo.fileName : t.photoPage}</h2>
        <button type="button" onClick={() => onClose()}>
          {t.closePhoto}
        </button>
      </header>
      {missing && <p>{t.photoMissing}</p>}
      {detail && (
        <div className="photo-dialog-body">
          <FaceBoxes detail={detail} imageUrl={preview.url} selected={selected} onSelect={setSelected} />
          <div className="photo-side">
            <FaceList detail={detail} attendees={attendees} selected={selected} busy={busy} onSelect={setSelected} onAssign={(i, a) => void assign(i, a)} />
            <p role="status" className={`photo-feedback ${feedback?.ok === false ? 'bad' : ''}`}>
              {feedback?.text}
            </p>
            <div className="photo-delete">
              {confirming ? (
                <div role="group" aria-label={t.deletePhoto}>
                  <p>{t.deleteConfirm}</p>
                  <button type="button" className="danger-solid" disabled={busy} onClick={() => void remove()}>
                    {t.deleteYes}
                  </button>{' '}
                  <button type="button" onClick={() => setConfirming(false)} autoFocus>
                    {t.cancel}
                  </button>
                </div>
              ) : (
                <button type="button" className="danger" onClick={() => setConfirming(true)}>
                  {t.deletePhoto}
                </button>
              )}
            </div>
          </div>
        </div>
      )}
    </dialog>
  );
}
