// Events: create, list, switch; the join QR code, the LAN URLs and a printable poster.
import { useEffect, useState, type FormEvent } from 'react';
import type { JoinInfo } from '../../../server/contract/admin';
import { EventLife } from '../components/event-life';
import { useDashboard } from '../state';
import { EventBranding } from '../components/event-branding';
import { EVENT_CODE_MAX, EVENT_CODE_PATTERN, EVENT_NAME_MAX } from '../../../server/contract/limits';

export function EventsPage() {
  const { api, t, events, activeEventId, setActiveEventId, reloadEvents, setError } = useDashboard();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [join, setJoin] = useState<JoinInfo | null>(null);
  const active = events.find((e) => e.id === activeEventId);

  useEffect(() => {
    if (!activeEventId) return setJoin(null);
    api
      .get<JoinInfo>(`/api/admin/events/${activeEventId}/join`)
      .then(setJoin)
      .catch((e: Error) => setError(e.message));
  }, [api, activeEventId, setError]);

  async function create(e: FormEvent) {
    e.preventDefault();
    try {
      const res = await api.post<{ event: { id: string } }>('/api/admin/events', { name, ...(code && { code }) });
      setName('');
      setCode('');
      await reloadEvents();
      setActiveEventId(res.event.id);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <div className="grid-2">
      <section className="card">
        <h2>{t.createEvent}</h2>
        <form onSubmit={create} className="row-form">
          <label>
            {t.eventName}
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={EVENT_NAME_MAX} />
          </label>
          <label>
            {t.eventCode}
            <input value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} pattern={EVENT_CODE_PATTERN.slice(1, -1)} maxLength={EVENT_CODE_MAX} />
          </label>
          <button type="submit" className="primary">
            {t.create}
          </button>
        </form>
        <h2>{t.events}</h2>
        {events.length === 0 && <p>{t.noEvent}</p>}
        <ul className="event-list">
          {events.map((e) => (
            <li key={e.id}>
              <button type="button" aria-pressed={e.id === activeEventId} onClick={() => setActiveEventId(e.id)}>
                <strong>{e.name}</strong> <code>{e.code}</code>
                {!e.registrationOpen && <span className="pill">{t.closedPill}</span>}
                <span className="muted">{t.counts(e.attendeeCount, e.photoCount)}</span>
              </button>
            </li>
          ))}
        </ul>
        {active && <EventLife key={active.id} event={active} />}
      </section>
      {active && join && (
        <section className="card join" aria-labelledby="join-title">
          <h2 id="join-title">
            {t.joinTitle}
            {t.colon}
            {active.name}
          </h2>
          <p>{t.joinHelp}</p>
          <img className="qr" src={join.qrSvgDataUrl} alt={`QR code: ${join.urls[0] ?? ''}`} width={220} height={220} />
          <p className="code">{join.code}</p>
          <ul className="urls">
            {join.urls.map((u) => (
              <li key={u}>
                <code>{u}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
      {active && join && <EventBranding eventId={active.id} eventName={active.name} join={join} />}
    </div>
  );
}
