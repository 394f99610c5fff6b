// The live photo wall for a screen or projector at the venue: the event's approved photos as a
// full-screen slideshow, read-only, opened at /wall/<key> on the attendee listener.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { wallWords } from './i18n';
import { Wall } from './wall';
import './wall.css';

const key = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const { lang, t } = wallWords(navigator.languages?.length ? navigator.languages : [navigator.language]);
document.documentElement.lang = lang;
document.title = t.title;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Wall wallKey={key} t={t} />
  </StrictMode>,
);
