// The printable A4 join poster: the event's name, logo and colour, then two steps: join the
// venue Wi-Fi (its QR code and password), scan the event's QR code. Hidden on screen; printed by
// poster.css in the language the operator chose for it.
import type { CSSProperties } from 'react';
import type { JoinInfo } from '../../../server/contract/admin';
import type { EventBranding } from '../../../server/contract/branding';
import { POSTER_WORDS } from '../branding-i18n';
import type { Lang } from '../i18n';
import '../poster.css';

interface Props {
  eventName: string;
  join: JoinInfo;
  branding: EventBranding;
  logoSrc: string | null;
  lang: Lang;
}

export function JoinPoster({ eventName, join, branding, logoSrc, lang }: Props) {
  const w = POSTER_WORDS[lang];
  const { wifi } = branding;
  const style = branding.colors ? ({ '--poster-accent': branding.colors.accent, '--poster-ink': branding.colors.onAccent } as CSSProperties) : undefined;
  return (
    <div className="join-poster" lang={lang} style={style} aria-hidden="true" data-testid="join-poster">
      <header className="join-poster-head">
        {logoSrc && <img className="join-poster-logo" src={logoSrc} alt="" />}
        <h1>{eventName}</h1>
      </header>
      <div className={`join-poster-steps${wifi && branding.wifiQrSvgDataUrl ? '' : ' single'}`}>
        {wifi && branding.wifiQrSvgDataUrl && (
          <section className="join-poster-step">
            <h2>
              <span className="join-poster-n">1</span> {w.step1}
            </h2>
            <p className="join-poster-ssid">{wifi.ssid}</p>
            <img className="join-poster-qr" src={branding.wifiQrSvgDataUrl} alt="" data-testid="poster-wifi-qr" />
            {wifi.password ? (
              <p className="join-poster-secret">
                {w.password}
                {lang === 'fr' ? '\u00a0: ' : ': '}
                <strong>{wifi.password}</strong>
              </p>
            ) : (
              <p className="join-poster-secret">{w.openNetwork}</p>
            )}
            {wifi.hidden && <p className="join-poster-note">{w.hiddenNetwork}</p>}
          </section>
        )}
        <section className="join-poster-step">
          <h2>
            {wifi && <span className="join-poster-n">2</span>} {wifi ? w.step2 : w.only}
          </h2>
          <img className="join-poster-qr" src={join.qrSvgDataUrl} alt="" />
          <p className="join-poster-note">{w.scanHint}</p>
          <p className="join-poster-url">
            {w.orOpen} <strong>{join.urls[0]}</strong>
          </p>
          <p className="join-poster-code">
            {w.code} <strong>{join.code}</strong>
          </p>
        </section>
      </div>
      <footer className="join-poster-foot">{w.footer}</footer>
    </div>
  );
}
