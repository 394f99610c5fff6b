// The operator dashboard. This first version shows the events and the system figures; the
// full dashboard (queues, photos, attendees, settings) comes with the dashboard work.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { EventList, SystemStatus } from '../../server/contract/admin';
import { apiFetch } from '../shared/api-client';

function adminToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('findme.adminToken', fromHash);
    history.replaceState(null, '', location.pathname);
  }
  return sessionStorage.getItem('findme.adminToken') ?? '';
}

function App() {
  const [token] = useState(adminToken);
  const [events, setEvents] = useState<EventList['events']>([]);
  const [system, setSystem] = useState<SystemStatus | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    const load = () => {
      Promise.all([
        apiFetch<EventList>('/api/admin/events', { token }),
        apiFetch<SystemStatus>('/api/admin/system', { token }),
      ]).then(([e, s]) => {
        setEvents(e.events);
        setSystem(s);
        setError('');
      }).catch((err: Error) => setError(err.message));
    };
    load();
    const t = setInterval(load, 5000);
    return () => clearInterval(t);
  }, [token]);

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>FindMe dashboard</h1>
      {error && <p role="alert">{error}</p>}
      {system && (
        <p>CPU {system.cpu.processPercent.toFixed(0)}% · RSS {(system.memory.rssBytes / 1048576).toFixed(0)} MB · event-loop lag {system.eventLoopLagMs.toFixed(1)} ms</p>
      )}
      <h2>Events</h2>
      <ul>
        {events.map((e) => <li key={e.id}>{e.name} — code {e.code} — {e.attendeeCount} attendees, {e.photoCount} photos</li>)}
      </ul>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
