// The operator dashboard: speaks only the admin API and /api/admin/stream, so it runs the same
// in the Electron window and in a browser on the laptop.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { readAdminToken } from './api';
import './dashboard.css';
import { AttendeesPage } from './pages/attendees-page';
import { EventsPage } from './pages/events-page';
import { LivePage } from './pages/live-page';
import { PhotosPage } from './pages/photos-page';
import { ProblemsPage } from './pages/problems-page';
import { SettingsPage } from './pages/settings-page';
import { WallPage } from './pages/wall-page';
import { DashboardProvider, useDashboard } from './state';

const PAGES = {
  events: EventsPage,
  live: LivePage,
  photos: PhotosPage,
  wall: WallPage,
  attendees: AttendeesPage,
  problems: ProblemsPage,
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
  const { t, lang, setLang, events, activeEventId, setActiveEventId, connected, error, setError, problems, held, unauthorized } = useDashboard();
  const [page, setPageState] = useState<PageName>(events.length ? 'live' : 'events');
  const problemCount = problems ? problems.refused + problems.failedJobs : 0;
  // An error banner belongs to the tab where it arose: it does not follow the operator.
  const setPage = (name: PageName) => {
    setError('');
    setPageState(name);
  };
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
            {name === 'problems' && problemCount > 0 && (
              <span className="badge" data-testid="problems-badge">
                {problemCount}
              </span>
            )}
            {name === 'attendees' && held.length > 0 && (
              <span className="badge" title={t.heldTitle}>
                {held.length}
              </span>
            )}
          </button>
        ))}
      </nav>
      {error && (
        <div role="alert" className="error">
          <span>{error}</span>
          <button type="button" className="close" aria-label={t.close} title={t.close} onClick={() => setError('')}>
            ×
          </button>
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
