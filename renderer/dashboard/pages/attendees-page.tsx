// Attendees: the selfies to check (one face, one account), then each attendee's selfie status and photo count, search, remove.
import { useEffect, useMemo, useState } from 'react';
import type { Static } from 'typebox';
import type { AttendeeList } from '../../../server/contract/admin';
import { HeldSelfies } from '../components/held-selfies';
import { ResetCodeDialog } from '../components/reset-code-dialog';
import { useDashboard } from '../state';

type Row = Static<typeof AttendeeList>['attendees'][number];
const MAX_ROWS = 300;

export function AttendeesPage() {
  const { api, t, activeEventId, photoVersion, selfieVersion, setError } = useDashboard();
  const [rows, setRows] = useState<Row[]>([]);
  const [query, setQuery] = useState('');
  const [resetFor, setResetFor] = useState<Row | null>(null);

  const load = useMemo(
    () => async () => {
      if (!activeEventId) return;
      try {
        setRows((await api.get<{ attendees: Row[] }>(`/api/admin/events/${activeEventId}/attendees`)).attendees);
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [api, activeEventId, setError],
  );
  useEffect(() => {
    void load();
  }, [load, photoVersion, selfieVersion]);

  const matching = rows.filter((r) => `${r.username} ${r.displayName}`.toLowerCase().includes(query.toLowerCase()));
  // A table of 10,000 rows is slow to draw and useless to read: show the first rows and let search narrow.
  const shown = matching.slice(0, MAX_ROWS);
  async function remove(r: Row) {
    if (!activeEventId || !window.confirm(`${t.confirmRemove}\n${r.displayName} (${r.username})`)) return;
    try {
      await api.del(`/api/admin/events/${activeEventId}/attendees/${r.id}`);
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <>
      <HeldSelfies />
      <section className="card">
        <label className="search">
          {t.search}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t.attendees}</th>
              <th scope="col">{t.selfie}</th>
              <th scope="col">{t.photoCount}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id}>
                <td>
                  <strong>{r.displayName}</strong> <span className="muted">@{r.username}</span>
                </td>
                <td>
                  <span className={`pill ${r.selfieStatus}`}>{t[r.selfieStatus]}</span>
                </td>
                <td>{r.photoCount}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => setResetFor(r)}>
                    {t.resetPassword}
                  </button>
                  <button type="button" className="danger" onClick={() => void remove(r)}>
                    {t.remove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {matching.length > shown.length && <p className="muted">{t.moreRows(shown.length, matching.length)}</p>}
      </section>
      {resetFor && <ResetCodeDialog attendee={resetFor} onClose={() => setResetFor(null)} />}
    </>
  );
}
