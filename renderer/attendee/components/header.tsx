// The top bar: the app's name, the event, and the FR/EN switch.
import { useBranding } from '../branding';
import { LANGS, useI18n } from '../i18n/i18n';

export function AppHeader({ eventName }: { eventName?: string | null }) {
  const { lang, setLang, t } = useI18n();
  const { logoUrl, branded } = useBranding();
  return (
    <header className={branded ? 'app-header branded' : 'app-header'}>
      <div className="brand">
        {logoUrl ? (
          <img className="event-logo" src={logoUrl} alt={t('eventLogo')} />
        ) : (
          <svg className="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect x="2" y="7" width="28" height="21" rx="5" fill="currentColor" />
            <rect x="11" y="3" width="10" height="6" rx="2" fill="currentColor" />
            <circle cx="16" cy="17.5" r="6.5" fill="#fff" />
            <circle cx="16" cy="17.5" r="3.5" fill="currentColor" />
          </svg>
        )}
        <span className="brand-text">
          <span className="brand-name">{t('appName')}</span>
          {eventName && <span className="brand-event">{eventName}</span>}
        </span>
      </div>
      <div className="lang-switch" role="group" aria-label={t('language')}>
        {LANGS.map((l) => (
          <button key={l} type="button" lang={l} aria-pressed={lang === l} onClick={() => setLang(l)}>
            {l.toUpperCase()}
          </button>
        ))}
      </div>
    </header>
  );
}
