// The active event's life: rename it in place, open or close registrations, purge it.
import { useEffect, useState, type FormEvent } from 'react';
import type { AdminEvent, UpdateEventBody, UpdatedEvent } from '../../../server/contract/admin';
import { EVENT_NAME_MAX } from '../../../server/contract/limits';
import { useDashboard } from '../state';
import { PurgeDialog } from './purge-dialog';
import './event-life.css';

export function EventLife({ event }: { event: AdminEvent }) {
  const { api, t, reloadEvents, setError } = useDashboard();
  const [name, setName] = useState(event.name);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [purging, setPurging] = useState(false);
  // The name as saved (this dashboard's rename, or another's) replaces what is in the field.
  useEffect(() => setName(event.name), [event.name]);

  async function update(change: UpdateEventBody) {
    setBusy(true);
    try {
      await api.patch<UpdatedEvent>(`/api/admin/events/${event.id}`, change);
      await reloadEvents();
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  }
  async function rename(e: FormEvent) {
    e.preventDefault();
    if (await update({ name })) setSaved(true);
  }

  return (
    <section className="event-life" aria-labelledby="event-life-title">
      <h2 id="event-life-title">{t.thisEvent}</h2>
      <form onSubmit={rename} className="row-form">
        <label>
          {t.eventName}
          <input
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setSaved(false);
            }}
            required
            maxLength={EVENT_NAME_MAX}
          />
        </label>
        <button type="submit" disabled={busy || !name.trim() || name.trim() === event.name}>
          {t.rename}
        </button>
        {saved && (
          <span className="muted" role="status">
            {t.saved}
          </span>
        )}
      </form>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={event.registrationOpen}
          disabled={busy}
          onChange={(e) => void update({ registrationOpen: e.target.checked })}
        />
        {event.registrationOpen ? t.registrationOpen : t.registrationClosed}
      </label>
      <p className="note">{event.registrationOpen ? t.registrationOpenNote : t.registrationClosedNote}</p>
      <button type="button" className="danger" onClick={() => setPurging(true)}>
        {t.purgeEvent}
      </button>
      <p className="note">{t.purgeNote}</p>
      {purging && (
        <PurgeDialog
          event={event}
          onClose={() => setPurging(false)}
          onPurged={() => {
            setPurging(false);
            void reloadEvents();
          }}
        />
      )}
    </section>
  );
}
