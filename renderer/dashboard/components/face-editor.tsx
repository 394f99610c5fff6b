// A photo's faces on its page: the whole photo with a box on each face (labelled with the
// attendee it went to, or "No one"), the list of faces, and for the chosen face "Give to…"
// (a search over the event's attendees) and "Take away".
import { useId, useMemo, useState } from 'react';
import type { AdminAttendee, PhotoDetail } from '../../../server/contract/admin';
import { useDashboard } from '../state';

const pct = (v: number, of: number) => `${(v / of) * 100}%`;

export function FaceBoxes({
  detail,
  imageUrl,
  selected,
  onSelect,
}: {
  detail: PhotoDetail;
  imageUrl: string | null;
  selected: number | null;
  onSelect(index: number): void;
}) {
  const { t } = useDashboard();
  const { photo } = detail;
  const w = photo.width ?? 1;
  const h = photo.height ?? 1;
  return (
    // Sized to the photo's own ratio (within 74% of the window's height): the boxes' percentages land on the faces.
    <div className="face-stage" style={{ aspectRatio: `${w} / ${h}`, width: `min(100%, calc(74vh * ${(w / h).toFixed(4)}))` }}>
      {imageUrl ? <img src={imageUrl} alt={photo.fileName} /> : <div className="placeholder" aria-busy="true" />}
      {detail.faces.map((f) => {
        const name = f.attendee?.displayName ?? t.noOne;
        return (
          <button
            key={f.index}
            type="button"
            className={`face-box ${f.attendeeId ? 'taken' : 'free'} ${selected === f.index ? 'chosen' : ''}`}
            style={{ left: pct(f.box.x, w), top: pct(f.box.y, h), width: pct(f.box.width, w), height: pct(f.box.height, h) }}
            aria-pressed={selected === f.index}
            aria-label={t.faceIs(f.index + 1, name)}
            onClick={() => onSelect(f.index)}
          >
            <span className="face-tag">
              {f.index + 1} · {name}
            </span>
          </button>
        );
      })}
    </div>
  );
}

function GivePicker({
  attendees,
  exclude,
  disabled,
  onGive,
}: {
  attendees: AdminAttendee[];
  exclude: string | null;
  disabled: boolean;
  onGive(a: AdminAttendee): void;
}) {
  const { t } = useDashboard();
  const [query, setQuery] = useState('');
  const listId = useId();
  const found = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    if (!q) return [];
    return attendees
      .filter((a) => a.id !== exclude && (a.displayName.toLocaleLowerCase().includes(q) || a.username.toLocaleLowerCase().includes(q)))
      .slice(0, 8);
  }, [attendees, exclude, query]);
  return (
    <div className="give-picker">
      <label>
        {t.giveTo}
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t.giveSearch} aria-controls={listId} autoComplete="off" />
      </label>
      <ul id={listId} className="give-results" aria-label={t.giveTo}>
        {found.map((a) => (
          <li key={a.id}>
            <button
              type="button"
              disabled={disabled}
              onClick={() => {
                setQuery('');
                onGive(a);
              }}
            >
              <strong>{a.displayName}</strong> <span className="muted">@{a.username}</span>
            </button>
          </li>
        ))}
      </ul>
      {query.trim() && found.length === 0 && <p className="muted">{t.giveNone}</p>}
    </div>
  );
}

export function FaceList({
  detail,
  attendees,
  selected,
  busy,
  onSelect,
  onAssign,
}: {
  detail: PhotoDetail;
  attendees: AdminAttendee[];
  selected: number | null;
  busy: boolean;
  onSelect(index: number): void;
  onAssign(index: number, attendee: { id: string; displayName: string } | null): void;
}) {
  const { t } = useDashboard();
  const face = detail.faces.find((f) => f.index === selected) ?? null;
  if (detail.faces.length === 0) return <p className="muted">{t.noFacesFound}</p>;
  return (
    <div className="face-list">
      <h3>{t.facesInPhoto(detail.faces.length)}</h3>
      <ul>
        {detail.faces.map((f) => (
          <li key={f.index}>
            <button
              type="button"
              className={`face-row ${selected === f.index ? 'chosen' : ''}`}
              aria-pressed={selected === f.index}
              onClick={() => onSelect(f.index)}
            >
              <span className="face-num">{f.index + 1}</span>
              <span>
                <strong>{f.attendee?.displayName ?? t.noOne}</strong>
                {f.attendee && <span className="muted"> @{f.attendee.username}</span>}
                <br />
                <span className="muted">{f.byOperator ? t.givenByYou : f.distance !== null ? t.distanceIs(f.distance) : ''}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {detail.unplaced.length > 0 && (
        <p className="muted">
          {t.alsoGiven} {detail.unplaced.map((a) => a.displayName).join(', ')}
        </p>
      )}
      {face && (
        <section className="face-actions" aria-label={t.faceN(face.index + 1)}>
          <h3>{t.faceIs(face.index + 1, face.attendee?.displayName ?? t.noOne)}</h3>
          {face.attendee && (
            <button type="button" className="danger" disabled={busy} onClick={() => onAssign(face.index, null)}>
              {t.takeAway}
            </button>
          )}
          <GivePicker attendees={attendees} exclude={face.attendeeId} disabled={busy} onGive={(a) => onAssign(face.index, a)} />
        </section>
      )}
    </div>
  );
}
