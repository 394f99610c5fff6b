// The selfie card: guidance, one tap to open the front camera, the upload progress, then the
// status of the latest selfie (checking, accepted, waiting for the organiser's check, or
// rejected with its reason and a retake). One message at a time: an upload that failed speaks
// instead of the older selfie's status, until the next upload or the next news of a selfie.
import type { ChangeEvent } from 'react';
import type { Selfie } from '../../../server/contract/attendee';
import { ErrorNotice } from '../components/error-notice';
import { MAX_SELFIES, type Selfies } from '../hooks/use-selfies';
import { useI18n, type Translate } from '../i18n/i18n';

function Tips({ t }: { t: Translate }) {
  return (
    <div className="tips">
      <h3>{t('tipsTitle')}</h3>
      <ul>
        <li>
          <span aria-hidden="true">☀</span>
          {t('tipLight')}
        </li>
        <li>
          <span aria-hidden="true">◉</span>
          {t('tipGlasses')}
        </li>
        <li>
          <span aria-hidden="true">☺</span>
          {t('tipAlone')}
        </li>
      </ul>
    </div>
  );
}

function SelfieStatus({ selfie, previewUrl, t }: { selfie: Selfie; previewUrl: string | null; t: Translate }) {
  const { status } = selfie;
  const title =
    status === 'processing' ? t('selfieProcessing') : status === 'accepted' ? t('selfieAccepted') : status === 'held' ? t('selfieHeld') : t('selfieRejected');
  const detail =
    status === 'processing'
      ? t('selfieProcessingHint')
      : status === 'accepted'
        ? t('selfieAcceptedHint')
        : status === 'held'
          ? t('selfieHeldHint')
          : t(`reason_${selfie.reason ?? 'unreadable_image'}`);
  return (
    <div className={`selfie-status ${status}`}>
      {previewUrl ? <img className="selfie-thumb" src={previewUrl} alt={t('yourSelfiePreview')} /> : <span className="status-icon" aria-hidden="true" />}
      <div>
        <p className="status-title">
          {previewUrl && <span className="status-icon small" aria-hidden="true" />}
          {title}
        </p>
        <p className="status-detail">{detail}</p>
      </div>
    </div>
  );
}

export function SelfieSection({ selfies: s }: { selfies: Selfies }) {
  const { t } = useI18n();
  const latest = s.selfies[s.selfies.length - 1] ?? null;
  const active = s.selfies.filter((x) => x.status !== 'rejected').length;
  const busy = s.upload.phase === 'preparing' || s.upload.phase === 'uploading';
  const uploadError = s.upload.phase === 'error' ? s.upload.code : null;
  // A held selfie waits for the organiser: another picture of the same face would wait too.
  const checking = latest?.status === 'processing' || latest?.status === 'held';

  let captureText: string | null = null;
  let primary = true;
  if (!busy && !checking && active < MAX_SELFIES) {
    if (!latest) captureText = t('takeSelfie');
    else if (latest.status === 'rejected') captureText = t('retake');
    else {
      captureText = t('addSelfie');
      primary = false;
    }
  }

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same picture can be chosen again
    if (file) s.send(file);
  };

  return (
    <section className="card" aria-labelledby="selfie-title">
      <h2 id="selfie-title">{t('selfieTitle')}</h2>
      {!latest && <p>{t('selfieIntro')}</p>}
      <div role="status" aria-live="polite" className="status-region">
        {s.upload.phase === 'preparing' && <p className="progress-text">{t('preparing')}</p>}
        {s.upload.phase === 'uploading' && <p className="progress-text">{t('uploading', { pct: Math.round(s.upload.fraction * 100) })}</p>}
        {!busy && !uploadError && latest && <SelfieStatus selfie={latest} t={t} previewUrl={s.preview?.selfieId === latest.id ? s.preview.url : null} />}
      </div>
      {s.upload.phase === 'uploading' && (
        <progress className="upload-bar" max={100} value={Math.round(s.upload.fraction * 100)} aria-label={t('uploadProgress')} />
      )}
      <ErrorNotice code={uploadError} />
      {(!latest || latest.status === 'rejected') && !busy && !uploadError && <Tips t={t} />}
      {captureText && (
        <label className={`btn capture ${primary ? 'primary' : 'secondary'}`}>
          <input type="file" accept="image/*" capture="user" className="visually-hidden" onChange={onFile} />
          <span aria-hidden="true" className="camera-icon" />
          {captureText}
        </label>
      )}
      {!uploadError && active >= MAX_SELFIES && <p className="hint">{t('maxSelfies')}</p>}
      {!uploadError && active > 0 && active < MAX_SELFIES && <p className="hint">{t('selfiesInUse', { n: active })}</p>}
    </section>
  );
}
