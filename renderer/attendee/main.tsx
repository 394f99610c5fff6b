// The attendee phone app. This first version joins an event by its code; registration,
// selfie and gallery screens come with the attendee-app work.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { CheckEventCodeResponse } from '../../server/contract/attendee';
import { apiFetch } from '../shared/api-client';

function codeFromPath(): string {
  const m = /^\/e\/([A-Za-z0-9]+)/.exec(location.pathname);
  return m?.[1]?.toUpperCase() ?? '';
}

function App() {
  const [code, setCode] = useState(codeFromPath());
  const [result, setResult] = useState<CheckEventCodeResponse | null>(null);

  useEffect(() => {
    if (code.length < 4) {
      setResult(null);
      return;
    }
    const t = setTimeout(() => {
      apiFetch<CheckEventCodeResponse>(`/api/check-event-code?code=${encodeURIComponent(code)}`)
        .then(setResult)
        .catch(() => setResult(null));
    }, 250);
    return () => clearTimeout(t);
  }, [code]);

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 480, margin: '0 auto', padding: 16 }}>
      <h1>FindMe</h1>
      <label htmlFor="code">Event code</label>
      <input id="code" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} autoComplete="off"
        style={{ display: 'block', fontSize: 24, padding: 8, width: '100%', boxSizing: 'border-box' }} />
      <p role="status">{result ? (result.valid ? `Event: ${result.event?.name}` : 'No event has this code.') : ''}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
