// The event's live photo wall: the switch, the wall's address (copy, open, QR code), and the
// moderation grid: photos to review newest first (Approve / Hide), those on the wall, the hidden
// ones, and the blocked ones greyed with the reason (never a name).
import { useCallback, useEffect, useState } from 'react';
import type { WallModerationList, WallModerationPhoto, WallPhotoState, WallStatus } from '../../../server/contract/wall';
import { ApiError } from '../../shared/api-client';
import { useDashboard } from '../state';
import './wall-panel.css';
import { useAdminImage } from './admin-image';

const PAGE = 60;
const REFRESH_MS = 10_000;
const STATES: WallPhotoState[] = ['pending', 'approved', 'hidden', 'blocked'];

function Thumb({ photoId, alt }: { photoId: string; alt: string }) {
  const { url } = useAdminImage(`/api/admin/photos/${photoId}/thumb`);
  return url ? <img src={url} alt={alt} /> : <div className="wall-thumb-loading" aria-hidden="true" />;
}

export function WallPanel({ eventId }: { eventId: string }) {
  const { api, t, photoVersion, setError } = useDashboard();
  const [status, setStatus] = useState<WallStatus | null>(null);
  const [state, setState] = useState<WallPhotoState>('pending');
  const [list, setList] = useState<WallModerationList | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  const fail = useCallback(
    (e: unknown) => {
      const code = e instanceof ApiError ? `err_${e.code}` : '';
      setError(code === 'err_wall_photo_blocked' || code === 'err_wall_photo_not_ready' ? t[code] : (e as Error).message);
    },
    [setError, t],
  );

  const loadList = useCallback(async () => {
    try {
      setList(await api.get<WallModerationList>(`/api/admin/events/${eventId}/wall/photos?state=${state}&limit=${limit}`));
    } catch (e) {
      fail(e);
    }
  }, [api, eventId, state, limit, fail]);

  useEffect(() => {
    api.get<WallStatus>(`/api/admin/events/${eventId}/wall`).then(setStatus, fail);
  }, [api, eventId, fail]);
  // New processed photos come with the stream's photo events; blocks (an attendee's "not me" or deletion) with the refresh.
  useEffect(() => {
    void loadList();
    const timer = setInterval(() => void loadList(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [loadList, photoVersion]);

  async function toggle(enabled: boolean) {
    setBusy(true);
    try {
      setStatus(await api.put<WallStatus>(`/api/admin/events/${eventId}/wall`, { enabled }));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  async function decide(photo: WallModerationPhoto, approved: boolean) {
    try {
      await api.put(`/api/admin/photos/${photo.id}/wall`, { approved });
    } catch (e) {
      fail(e);
    }
    await loadList();
  }

  const label = (s: WallPhotoState) => ({ pending: t.wallPending, approved: t.wallApproved, hidden: t.wallHidden, blocked: t.wallBlocked })[s];
  const url = status?.urls[0];
  return (
    <section className="card wall-panel" aria-labelledby="wall-title">
      <h3 id="wall-title">{t.wallTitle}</h3>
      <label className="switch">
        <input type="checkbox" checked={status?.enabled ?? false} disabled={busy || !status} onChange={(e) => void toggle(e.target.checked)} />
        {status?.enabled ? t.wallOn : t.wallOff}
      </label>
      {!status?.enabled && <p className="note">{t.wallHelp}</p>}
      {status?.enabled && url && (
        <div className="wall-address">
          <div>
            <p>
              <strong>{t.wallAddress}</strong>
            </p>
            <p>
              <code data-testid="wall-url">{url}</code>{' '}
              <button
                type="button"
                className="small"
                onClick={async () => {
                  await navigator.clipboard.writeText(url).catch(() => {});
                  setCopied(true);
                  setTimeout(() => setCopied(false), 1500);
                }}
              >
                {copied ? t.copied : t.copy}
              </button>{' '}
              <a className="button" href={url} target="_blank" rel="noopener noreferrer">
                {t.wallOpen}
              </a>
            </p>
            <p className="note">{t.wallAddressNote}</p>
          </div>
          {status.qrSvgDataUrl && <img className="wall-qr" src={status.qrSvgDataUrl} alt={t.wallQrAlt} width={140} height={140} />}
        </div>
      )}
      <div className="wall-states" role="group" aria-label={t.wallTitle}>
        {STATES.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={state === s}
            onClick={() => {
              setState(s);
              setLimit(PAGE);
            }}
          >
            {label(s)} ({list?.counts[s] ?? 0})
          </button>
        ))}
      </div>
      {list && list.photos.length === 0 && <p className="muted">{t.wallNone}</p>}
      <ul className="wall-grid" aria-label={label(state)}>
        {list?.photos.map((p) => (
          <li key={p.id} className={`wall-photo ${p.state}`} data-photo-id={p.id}>
            <Thumb photoId={p.id} alt={p.fileName} />
            <span className="name">{p.fileName}</span>
            {p.state === 'blocked' ? (
              <span className="reason">{p.blockedReason === 'not_me' ? t.wallBlockedNotMe : t.wallBlockedAccount}</span>
            ) : (
              <span className="actions">
                {p.state !== 'approved' && (
                  <button type="button" className="small primary" onClick={() => void decide(p, true)}>
                    {t.wallApprove}
                  </button>
                )}
                {p.state !== 'hidden' && (
                  <button type="button" className="small" onClick={() => void decide(p, false)}>
                    {t.wallHide}
                  </button>
                )}
              </span>
            )}
          </li>
        ))}
      </ul>
      {list && list.counts[state] > list.photos.length && (
        <button type="button" onClick={() => setLimit((l) => Math.min(l + PAGE, 200))} disabled={limit >= 200}>
          {t.wallMore}
        </button>
      )}
    </section>
  );
}
