// The event's look and the join poster: accent colour, logo, venue Wi-Fi (name, security,
// password, hidden), and the poster's language and print button. Saved with
// PUT /api/admin/events/:id/branding and PUT/DELETE …/logo.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { JoinInfo } from '../../../server/contract/admin';
import type { BrandingBody, EventBranding as Branding, WifiSecurity } from '../../../server/contract/branding';
import { ApiError, apiFetch } from '../../shared/api-client';
import { BRANDING_WORDS, LANG_NAMES } from '../branding-i18n';
import { DICTS, type Lang } from '../i18n';
import { useDashboard } from '../state';
import { JoinPoster } from './join-poster';

const DEFAULT_ACCENT = '#3730a3';

export function EventBranding({ eventId, eventName, join }: { eventId: string; eventName: string; join: JoinInfo }) {
  const { api, lang, setError } = useDashboard();
  const w = BRANDING_WORDS[lang];
  const [branding, setBranding] = useState<Branding | null>(null);
  const [logoSrc, setLogoSrc] = useState<string | null>(null);
  const [color, setColor] = useState(DEFAULT_ACCENT);
  const [ownColor, setOwnColor] = useState(false);
  const [ssid, setSsid] = useState('');
  const [security, setSecurity] = useState<WifiSecurity>('WPA');
  const [password, setPassword] = useState('');
  const [hidden, setHidden] = useState(false);
  // Kept as what happened, not as words: they follow a change of the dashboard's language.
  const [message, setMessage] = useState<{ ok: true } | { ok: false; reason?: string; text: string } | null>(null);
  const [posterLang, setPosterLang] = useState<Lang>(lang);

  const show = useCallback((b: Branding) => {
    setBranding(b);
    setOwnColor(b.accentColor !== null);
    setColor(b.accentColor ?? DEFAULT_ACCENT);
    setSsid(b.wifi?.ssid ?? '');
    setSecurity(b.wifi?.security ?? 'WPA');
    setPassword(b.wifi?.password ?? '');
    setHidden(b.wifi?.hidden ?? false);
  }, []);

  const fail = useCallback((err: unknown) => {
    const reason = err instanceof ApiError && err.code === 'invalid_wifi' ? (err.body as { reason?: string } | null)?.reason : undefined;
    setMessage({ ok: false, reason, text: (err as Error).message });
  }, []);

  useEffect(() => {
    setMessage(null);
    api
      .get<Branding>(`/api/admin/events/${eventId}/branding`)
      .then(show)
      .catch((e: Error) => setError(e.message));
  }, [api, eventId, show, setError]);

  // The logo needs the token: fetched as an object URL, revoked when it changes.
  const logoVersion = branding?.logoVersion ?? null;
  useEffect(() => {
    if (!logoVersion) return setLogoSrc(null);
    let url: string | null = null;
    let gone = false;
    api
      .imageUrl(`/api/admin/events/${eventId}/logo?v=${logoVersion}`)
      .then((u) => (gone ? URL.revokeObjectURL(u) : setLogoSrc((url = u))))
      .catch(() => setLogoSrc(null));
    return () => {
      gone = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, eventId, logoVersion]);

  async function save(e: FormEvent) {
    e.preventDefault();
    const body: BrandingBody = {
      accentColor: ownColor ? color : null,
      wifi: ssid ? { ssid, security, hidden, password: security === 'nopass' ? null : password } : null,
    };
    try {
      show(await api.put<Branding>(`/api/admin/events/${eventId}/branding`, body));
      setMessage({ ok: true });
    } catch (err) {
      fail(err);
    }
  }

  // The logo is saved at once; the colour and Wi-Fi being typed stay as they are until Save.
  async function logo(file: File | null) {
    setMessage(null);
    try {
      if (file) {
        const form = new FormData();
        form.append('file', file, file.name);
        setBranding(await apiFetch<Branding>(`/api/admin/events/${eventId}/logo`, { method: 'PUT', token: api.token, body: form }));
      } else setBranding(await apiFetch<Branding>(`/api/admin/events/${eventId}/logo`, { method: 'DELETE', token: api.token }));
    } catch (err) {
      fail(err);
    }
  }

  if (!branding) return null;
  return (
    <section className="card branding" aria-labelledby="branding-title">
      <h2 id="branding-title">{w.brandingTitle}</h2>
      <p className="note">{w.brandingHelp}</p>
      <form onSubmit={save} className="branding-form">
        <fieldset>
          <legend>{w.accentColor}</legend>
          <div className="branding-row">
            <input
              type="color"
              aria-label={w.accentColor}
              value={color}
              onChange={(e) => {
                setColor(e.target.value);
                setOwnColor(true);
              }}
            />
            <code data-testid="accent-value">{ownColor ? color : w.accentNone}</code>
            {ownColor && (
              <button type="button" className="small" onClick={() => setOwnColor(false)}>
                {w.clearColor}
              </button>
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>{w.logo}</legend>
          <div className="branding-row">
            {logoSrc ? <img className="branding-logo" src={logoSrc} alt={w.logoAlt} /> : <span className="muted">{w.noLogo}</span>}
            <label className="file-button">
              {w.chooseLogo}
              <input type="file" accept="image/png,image/jpeg,image/webp" onChange={(e) => void logo(e.target.files?.[0] ?? null)} />
            </label>
            {branding.hasLogo && (
              <button type="button" className="small" onClick={() => void logo(null)}>
                {w.removeLogo}
              </button>
            )}
          </div>
          <p className="note">{w.logoHelp}</p>
        </fieldset>
        <fieldset>
          <legend>{w.wifiTitle}</legend>
          <p className="note">{w.wifiHelp}</p>
          <label>
            {w.wifiName}
            <input value={ssid} onChange={(e) => setSsid(e.target.value)} maxLength={32} placeholder={w.wifiNone} autoComplete="off" />
          </label>
          <label>
            {w.wifiSecurity}
            <select value={security} onChange={(e) => setSecurity(e.target.value as WifiSecurity)}>
              <option value="WPA">{w.wifiWpa}</option>
              <option value="WEP">{w.wifiWep}</option>
              <option value="nopass">{w.wifiOpen}</option>
            </select>
          </label>
          {security !== 'nopass' && (
            <label>
              {w.wifiPassword}
              <input value={password} onChange={(e) => setPassword(e.target.value)} maxLength={64} autoComplete="off" spellCheck={false} />
            </label>
          )}
          <label className="switch">
            <input type="checkbox" checked={hidden} onChange={(e) => setHidden(e.target.checked)} />
            {w.wifiHidden}
          </label>
        </fieldset>
        <button type="submit" className="primary">
          {w.save}
        </button>
        {message && (
          <p className={message.ok ? 'ok' : 'err'} role={message.ok ? 'status' : 'alert'}>
            {message.ok ? w.saved : (message.reason && w.err_invalid_wifi[message.reason]) || message.text}
          </p>
        )}
      </form>
      <div className="branding-row branding-print">
        <label>
          {w.posterLanguage}
          <select value={posterLang} onChange={(e) => setPosterLang(e.target.value as Lang)}>
            {(Object.keys(DICTS) as Lang[]).map((l) => (
              <option key={l} value={l}>
                {LANG_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => window.print()}>
          {w.printPoster}
        </button>
      </div>
      <JoinPoster eventName={eventName} join={join} branding={branding} logoSrc={logoSrc} lang={posterLang} />
    </section>
  );
}
