// The attendee phone app: join an event, register with consent, take a selfie, see the
// photos you are in as they arrive. Speaks only the attendee API (same origin, session cookie).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { I18nProvider } from './i18n/i18n';
import './styles.css';
import './screens.css';
import './gallery.css';
import './branding.css';
import './feedback.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
