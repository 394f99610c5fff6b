// "Selfies to check" (one face, one account): each held selfie next to the accepted selfie of
// the attendee it looks like, with both names; the operator says "different people" (accept)
// or "same person" (refuse). Images come from the admin API with the token, as object URLs.
import { useState } from 'react';
import type { HeldSelfie, SelfieDecision } from '../../../server/contract/admin';
import { ApiError } from '../../shared/api-client';
import { useDashboard } from '../state';
import './held-selfies.css';
import { useAdminImage } from './admin-image';

function SelfieImage({ selfieId, alt }: { selfieId: string | null; alt: string }) {
  const { t } = useDashboard();
  const { url, failed } = useAdminImage(selfieId && `/api/admin/selfies/${selfieId}/image`);
  if (!selfieId || failed) return <div className="held-photo missing">{t.heldNoImage}</div>;
  return url ? <img className="held-photo" src={url} alt={alt} /> : <div className="held-photo loading" aria-busy="true" />;
}

function Person({ who, label }: { who: HeldSelfie['attendee'] | null; label: string }) {
  return (
    <figcaption>
      <span className="muted">{label}</span>
      {who ? (
        <>
          <strong>{who.displayName}</strong> <span className="muted">@{who.username}</span>
        </>
      ) : (
        <strong>—</strong>
      )}
    </figcaption>
  );
}

export function HeldSelfies() {
  const { api, t, lang, held, reloadHeld } = useDashboard();
  const [busy, setBusy] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<{ text: string; ok: boolean } | null>(null);

  async function decide(h: HeldSelfie, accept: boolean) {
    setBusy(h.id);
    try {
      const res = await api.post<SelfieDecision>(`/api/admin/selfies/${h.id}/decision`, { accept });
      const name = h.attendee.displayName;
      setFeedback({ text: res.status === 'accepted' ? t.heldAccepted(name) : t.heldRefused(name), ok: true });
    } catch (e) {
      setFeedback({ text: e instanceof ApiError && e.code === 'not_held' ? t.heldGone : (e as Error).message, ok: false });
    } finally {
      setBusy(null);
      await reloadHeld();
    }
  }

  if (held.length === 0) {
    return feedback ? (
      <p className={`held-feedback ${feedback.ok ? 'ok' : 'bad'}`} role="status">
        {feedback.text}
      </p>
    ) : null;
  }
  const time = (iso: string) => new Date(iso).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
  return (
    <section className="card held" aria-labelledby="held-title">
      <h2 id="held-title">
        {t.heldTitle} <span className="badge">{held.length}</span>
      </h2>
      <p className="muted">{t.heldHelp}</p>
      <ul className="held-list">
        {held.map((h) => (
          <li key={h.id} className="held-item" aria-label={`${h.attendee.displayName} / ${h.heldFor?.displayName ?? '—'}`}>
            <div className="held-pair">
              <figure>
                <SelfieImage selfieId={h.id} alt={t.heldSelfieOf(h.attendee.displayName)} />
                <Person who={h.attendee} label={`${t.heldNew} · ${time(h.heldAt)}`} />
              </figure>
              <figure>
                <SelfieImage selfieId={h.heldForSelfieId} alt={h.heldFor ? t.heldSelfieOf(h.heldFor.displayName) : t.heldNoImage} />
                <Person who={h.heldFor} label={t.heldExisting} />
              </figure>
            </div>
            <div className="held-actions">
              <button type="button" className="primary" disabled={busy !== null} onClick={() => void decide(h, true)}>
                {t.heldAccept}
              </button>
              <button type="button" className="danger" disabled={busy !== null} onClick={() => void decide(h, false)}>
                {t.heldRefuse}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {feedback && (
        <p className={`held-feedback ${feedback.ok ? 'ok' : 'bad'}`} role="status">
          {feedback.text}
        </p>
      )}
    </section>
  );
}
