// Purging an event from the dashboard: what will be erased, counted, and the event's code typed
// to confirm (the consent text promises attendees that the organiser deletes this data).
import { useEffect, useState } from 'react';
import type { AdminEvent, EventContents } from '../../../server/contract/admin';
import { useDashboard } from '../state';
import { Modal } from './modal';

export function PurgeDialog({ event, onClose, onPurged }: { event: AdminEvent; onClose: () => void; onPurged: () => void }) {
  const { api, t } = useDashboard();
  const [contents, setContents] = useState<EventContents | null>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState('');

  useEffect(() => {
    api
      .get<EventContents>(`/api/admin/events/${event.id}/contents`)
      .then(setContents)
      .catch((e: Error) => setFailed(e.message));
  }, [api, event.id]);

  async function purge() {
    setBusy(true);
    try {
      await api.del(`/api/admin/events/${event.id}`);
      onPurged();
    } catch (e) {
      setFailed((e as Error).message);
      setBusy(false);
    }
  }

  const confirmed = typed.trim().toUpperCase() === event.code;
  return (
    <Modal title={t.purgeTitle(event.name)} onClose={onClose} className="purge">
      <p>{t.purgeIntro}</p>
      {contents ? (
        <ul className="purge-list">
          <li>{t.purgeAttendees(contents.attendees)}</li>
          <li>{t.purgeSelfies(contents.selfies)}</li>
          <li>{t.purgePhotos(contents.photos)}</li>
          <li>{t.purgeFaces(contents.faces)}</li>
          <li>{t.purgeMatches(contents.matches)}</li>
        </ul>
      ) : (
        !failed && <p aria-busy="true">…</p>
      )}
      <p className="note">{t.purgeWhy}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (confirmed && !busy) void purge();
        }}
      >
        <label>
          {t.purgeTypeCode(event.code)}
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} autoFocus />
        </label>
        {failed && (
          <p className="err" role="alert">
            {failed}
          </p>
        )}
        <div className="modal-actions">
          <button type="submit" className="danger-solid" disabled={!confirmed || busy || !contents}>
            {t.purgeConfirm}
          </button>
          <button type="button" onClick={onClose}>
            {t.cancel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
