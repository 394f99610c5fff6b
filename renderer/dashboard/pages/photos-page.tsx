// Photos: a virtualised grid (smooth with 10,000 photos, loaded a page at a time) with each
// photo's status, faces and matches; upload by drag-and-drop or picker with progress; the hot
// folder, folder import and the FTP receiver. A photo opens its page (faces, reassignment, deletion).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { AdminPhoto, ImportResponse, PhotoStatus, UploadPhotosResponse } from '../../../server/contract/admin';
import { jobReason } from '../../../server/contract/limits';
import { desktop } from '../api';
import { AdminImage } from '../components/admin-image';
import { FtpPanel } from '../components/ftp-panel';
import { PhotoDetail } from '../components/photo-detail';
import { useDashboard } from '../state';

const PAGE = 200;
const COLS = 4;
const STATUSES: (PhotoStatus | '')[] = ['', 'queued', 'processing', 'done', 'no_faces', 'failed'];

function FolderForm({
  label,
  action,
  initial,
  onSubmit,
  onClear,
}: {
  label: string;
  action: string;
  initial: string;
  onSubmit(folder: string): Promise<void>;
  onClear?: () => Promise<void>;
}) {
  const { t } = useDashboard();
  const [folder, setFolder] = useState(initial);
  const bridge = desktop;
  useEffect(() => setFolder(initial), [initial]);
  return (
    <form
      className="row-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit(folder);
      }}
    >
      <label>
        {label}
        <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/Users/me/Pictures/event" required />
      </label>
      {bridge && (
        <button
          type="button"
          onClick={async () => {
            const f = await bridge.pickFolder();
            if (f) setFolder(f);
          }}
        >
          {t.browse}
        </button>
      )}
      <button type="submit">{action}</button>
      {onClear && initial && (
        <button type="button" onClick={() => void onClear()}>
          {t.clearFolder}
        </button>
      )}
    </form>
  );
}

export function PhotosPage() {
  const { api, t, activeEventId, events, photoVersion, reloadEvents, setError } = useDashboard();
  const event = events.find((e) => e.id === activeEventId);
  const [status, setStatus] = useState<PhotoStatus | ''>('');
  const [photos, setPhotos] = useState<AdminPhoto[]>([]);
  const [complete, setComplete] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const [dragging, setDragging] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const loading = useRef(false);

  const load = useCallback(
    async (offset: number) => {
      if (!activeEventId || loading.current) return;
      loading.current = true;
      try {
        const res = await api.get<{ photos: AdminPhoto[] }>(
          `/api/admin/events/${activeEventId}/photos?limit=${PAGE}&offset=${offset}${status ? `&status=${status}` : ''}`,
        );
        setPhotos((prev) => (offset === 0 ? res.photos : [...prev.slice(0, offset), ...res.photos]));
        setComplete(res.photos.length < PAGE);
      } catch (e) {
        setError((e as Error).message);
      } finally {
        loading.current = false;
      }
    },
    [api, activeEventId, status, setError],
  );

  // Live: reload the first page when photos change (coalesced by the provider).
  useEffect(() => {
    void load(0);
  }, [load, photoVersion, reloads]);

  const closePhoto = useCallback((message?: string) => {
    setOpenId((id) => {
      // Back to the photo the operator opened (if it is still there).
      if (id) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-open-photo="${CSS.escape(id)}"]`)?.focus());
      return null;
    });
    if (message) setMessage(message);
  }, []);

  const rows = Math.ceil(photos.length / COLS);
  const virtual = useVirtualizer({ count: rows, getScrollElement: () => scroller.current, estimateSize: () => 190, overscan: 4 });
  const items = virtual.getVirtualItems();
  useEffect(() => {
    const last = items.at(-1);
    if (last && last.index >= rows - 2 && !complete) void load(photos.length);
  }, [items, rows, complete, load, photos.length]);

  async function upload(files: File[]) {
    if (!activeEventId || files.length === 0) return;
    setProgress(0);
    try {
      const res = await api.upload<UploadPhotosResponse>(`/api/admin/events/${activeEventId}/photos`, 'files', files, setProgress);
      const refused = res.photos.filter((p) => p.status === 'failed').length;
      setMessage(t.result(res.photos.length - refused, res.duplicates.length, refused));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void upload([...e.dataTransfer.files]);
  };

  if (!event) return <p>{t.noEvent}</p>;
  return (
    <div className="photos">
      <section className="card">
        <div
          className={`dropzone ${dragging ? 'over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <span>{t.dropHere}</span>
          <label className="button">
            {t.choose}
            <input type="file" multiple accept="image/jpeg,image/png,image/webp" onChange={(e) => void upload([...(e.target.files ?? [])])} hidden />
          </label>
          {progress !== null && (
            <progress max={1} value={progress} aria-label={t.uploading}>
              {Math.round(progress * 100)}%
            </progress>
          )}
          {message && <p role="status">{message}</p>}
        </div>
        <FolderForm
          label={`${t.hotFolder}${t.colon}${event.hotFolder ?? t.hotFolderNone}`}
          action={t.setFolder}
          initial={event.hotFolder ?? ''}
          onSubmit={async (folder) => {
            try {
              await api.put(`/api/admin/events/${event.id}/hot-folder`, { folder });
              await reloadEvents();
            } catch (e) {
              setError((e as Error).message);
            }
          }}
          onClear={async () => {
            await api.put(`/api/admin/events/${event.id}/hot-folder`, { folder: null });
            await reloadEvents();
          }}
        />
        <FolderForm
          label={t.importFolder}
          action={t.import}
          initial=""
          onSubmit={async (folder) => {
            try {
              const r = await api.post<ImportResponse>(`/api/admin/events/${event.id}/import`, { folder });
              setMessage(t.result(r.queued, r.duplicates, r.failed + r.skipped));
            } catch (e) {
              setError((e as Error).message);
            }
          }}
        />
      </section>
      <FtpPanel eventId={event.id} eventName={event.name} />
      <label className="filter">
        {t.status}
        <select value={status} onChange={(e) => setStatus(e.target.value as PhotoStatus | '')}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s === '' ? t.all : s === 'queued' ? t.queuedStatus : s === 'no_faces' ? t.no_faces : s === 'processing' ? t.running : t[s]}
            </option>
          ))}
        </select>
      </label>
      {photos.length === 0 && <p>{t.noPhotos}</p>}
      <div ref={scroller} className="photo-scroller" data-testid="photo-grid">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((row) => (
            <div key={row.key} className="photo-row" style={{ transform: `translateY(${row.start}px)` }}>
              {photos.slice(row.index * COLS, row.index * COLS + COLS).map((p) => (
                <figure key={p.id} className={`photo ${p.status}`} data-status={p.status}>
                  <button type="button" className="photo-open" data-open-photo={p.id} aria-label={t.openPhoto(p.fileName)} onClick={() => setOpenId(p.id)}>
                    {p.status === 'done' || p.status === 'no_faces' ? (
                      <AdminImage path={`/api/admin/photos/${p.id}/thumb`} alt={p.fileName} />
                    ) : (
                      <div className="placeholder" aria-hidden="true" />
                    )}
                  </button>
                  <figcaption>
                    <span className="name">{p.fileName}</span>
                    <span className={`pill ${p.status}`}>
                      {p.status === 'no_faces' ? t.no_faces : p.status === 'queued' ? t.queuedStatus : p.status === 'processing' ? t.running : t[p.status]}
                    </span>
                    {p.status === 'done' && (
                      <span className="muted">
                        {t.faceCount(p.faceCount)} · {t.matched(p.attendeeIds.length)}
                      </span>
                    )}
                    {p.error && (
                      <span className="err" title={p.error}>
                        {t.reasons[jobReason(p.error).reason]}
                      </span>
                    )}
                  </figcaption>
                </figure>
              ))}
            </div>
          ))}
        </div>
      </div>
      {openId && <PhotoDetail photoId={openId} onClose={closePhoto} onChanged={() => setReloads((n) => n + 1)} />}
    </div>
  );
}
