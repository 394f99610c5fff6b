// The operator dashboard: speaks only the admin API and /api/admin/stream, so it runs the same
// in the Electron window and in a browser on the laptop.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { readAdminToken } from './api';
import './dashboard.css';
import { AttendeesPage } from './pages/attendees-page';
import { EventsPage } from './pages/events-page';
import { JobsPage } from './pages/jobs-page';
import { LivePage } from './pages/live-page';
import { PhotosPage } from './pages/photos-page';
import { SettingsPage } from './pages/settings-page';
import { WallPage } from './pages/wall-page';
import { DashboardProvider, useDashboard } from './state';

const PAGES = {
  events: EventsPage,
  live: LivePage,
  photos: PhotosPage,
  wall: WallPage,
  attendees: AttendeesPage,
  jobs: JobsPage,
  settings: SettingsPage,
} as const;
type PageName = keyof typeof PAGES;

/** The dashboard opened without its key, or with an old one: say so, and how to open the right address. */
function Locked() {
  const { t, lang, setLang } = useDashboard();
  return (
    <main className="locked" role="main">
      <button type="button" className="lang" onClick={() => setLang(lang === 'en' ? 'fr' : 'en')} aria-label="Language / Langue">
        {lang === 'en' ? 'FR' : 'EN'}
      </button>
      <h1>{t.lockedTitle}</h1>
      <p>{t.lockedText}</p>
      <ul>
        <li>{t.lockedWindow}</li>
        <li>{t.lockedHeadless}</li>
        <li>{t.lockedRestart}</li>
      </ul>
    </main>
  );
}

function Shell() {
  const { t, lang, setLang, events, activeEventId, setActiveEventId, connected, error, setError, stats, held, unauthorized } = useDashboard();
  const [page, setPage] = useState<PageName>(events.length ? 'live' : 'events');
  const Page = PAGES[page];
  if (unauthorized) return <Locked />;
  return (
    <div className="shell">
      <header className="topbar">
        <h1>FindMe</h1>
        <label className="event-picker">
          <span>{t.activeEvent}</span>
          <select value={activeEventId ?? ''} onChange={(e) => setActiveEventId(e.target.value)} aria-label={t.activeEvent}>
            {events.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name} ({e.code})
              </option>
            ))}
          </select>
        </label>
        <span className={`conn ${connected ? 'ok' : 'down'}`} role="status">
          {connected ? t.connected : t.disconnected}
        </span>
        <button type="button" className="lang" onClick={() => setLang(lang === 'en' ? 'fr' : 'en')} aria-label="Language / Langue">
          {lang === 'en' ? 'FR' : 'EN'}
        </button>
      </header>
      <nav className="tabs" aria-label="Sections">
        {(Object.keys(PAGES) as PageName[]).map((name) => (
          <button key={name} type="button" aria-current={page === name ? 'page' : undefined} onClick={() => setPage(name)}>
            {t[name]}
            {name === 'jobs' && stats && stats.queue.failed > 0 && <span className="badge">{stats.queue.failed}</span>}
            {name === 'attendees' && held.length > 0 && (
              <span className="badge" title={t.heldTitle}>
                {held.length}
              </span>
            )}
          </button>
        ))}
      </nav>
      {error && (
        <div role="alert" className="error" onClick={() => setError('')}>
          {error}
        </div>
      )}
      <main className="page">
        <Page />
      </main>
    </div>
  );
}

function App() {
  const [token] = useState(readAdminToken);
  return (
    <DashboardProvider token={token}>
      <Shell />
    </DashboardProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
