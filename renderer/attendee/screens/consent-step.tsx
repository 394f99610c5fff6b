// The consent to face processing, in plain words: what is kept, why, for how long, how to
// delete it. The account is created only with the box ticked.
import { useId } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { ScreenHeading } from '../components/screen-heading';
import { useI18n } from '../i18n/i18n';

interface Props {
  consent: boolean;
  missing: boolean;
  submitting: boolean;
  serverError: string | null;
  onConsent: (value: boolean) => void;
  onSubmit: () => void;
  onBack: () => void;
}

export function ConsentStep({ consent, missing, submitting, serverError, onConsent, onSubmit, onBack }: Props) {
  const { t } = useI18n();
  const id = useId();
  const points = [
    ['consentWhatTitle', 'consentWhat'],
    ['consentWhyTitle', 'consentWhy'],
    ['consentHowLongTitle', 'consentHowLong'],
    ['consentDeleteTitle', 'consentDelete'],
  ] as const;
  return (
    <section className="card" aria-labelledby="consent-title">
      <ScreenHeading id="consent-title">{t('consentTitle')}</ScreenHeading>
      <p className="lead">{t('consentIntro')}</p>
      <dl className="consent-points">
        {points.map(([title, text]) => (
          <div key={title}>
            <dt>{t(title)}</dt>
            <dd>{t(text)}</dd>
          </div>
        ))}
      </dl>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <div className={`check ${missing ? 'invalid' : ''}`}>
          <input
            id={id}
            type="checkbox"
            checked={consent}
            onChange={(e) => onConsent(e.target.checked)}
            aria-describedby={`${id}-msg`}
            aria-invalid={missing || undefined}
          />
          <label htmlFor={id}>{t('consentCheckbox')}</label>
        </div>
        <p id={`${id}-msg`} className="field-msg error" aria-live="polite">
          {missing ? t('consentMissing') : ''}
        </p>
        <ErrorNotice code={serverError && serverError !== 'consent_required' ? serverError : null} />
        <div className="actions">
          <button type="submit" className="btn primary" disabled={submitting} aria-busy={submitting}>
            {submitting ? t('creating') : t('createAccountSubmit')}
          </button>
          <button type="button" className="btn secondary" onClick={onBack} disabled={submitting}>
            {t('back')}
          </button>
        </div>
      </form>
    </section>
  );
}
