// Log in again: identifier (username or e-mail) and password. When the same credentials open
// accounts at several events, the server answers 409 choose_event and the attendee picks one.
import { useState } from 'react';
import { useDraft } from '../drafts';
import type { AuthResponse } from '../../../server/contract/attendee';
import type { EventRef } from '../../../server/contract/common';
import { api, chooseEventOptions, errorCode, eventNames } from '../api';
import { ErrorNotice } from '../components/error-notice';
import { IdentifierField } from '../components/identifier-field';
import { PasswordField } from '../components/password-field';
import { ScreenHeading } from '../components/screen-heading';
import { useI18n } from '../i18n/i18n';

interface Props {
  /** The event the attendee came for, preselected if they must choose. */
  preferredEvent: EventRef | null;
  onDone: (auth: AuthResponse) => void;
  onBack: () => void;
  /** "Forgot your password?", with what was typed as the identifier. */
  onForgot: (identifier: string) => void;
}

export function LoginScreen({ preferredEvent, onDone, onBack, onForgot }: Props) {
  const { t } = useI18n();
  const [identifier, setIdentifier] = useDraft('login.identifier', ''); // kept across a reload; the password is not
  const [password, setPassword] = useState('');
  const [choices, setChoices] = useState<EventRef[] | null>(null);
  const [eventId, setEventId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    if (!identifier.trim()) {
      setError('identifier_required');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const auth = await api.login({ identifier: identifier.trim(), password, ...(choices && eventId && { eventId }) });
      onDone(auth);
    } catch (err) {
      const events = chooseEventOptions(err);
      if (events) {
        eventNames.remember(events);
        setChoices(events);
        setEventId(events.find((e) => e.id === preferredEvent?.id)?.id ?? events[0]?.id ?? null);
      } else setError(errorCode(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="login-title">
      <ScreenHeading id="login-title">{choices ? t('chooseEventTitle') : t('loginTitle')}</ScreenHeading>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {choices ? (
          <fieldset className="choices">
            <legend>{t('chooseEventIntro')}</legend>
            {choices.map((ev) => (
              <label key={ev.id} className="choice">
                <input type="radio" name="event" value={ev.id} checked={eventId === ev.id} onChange={() => setEventId(ev.id)} />
                <span>{ev.name}</span>
              </label>
            ))}
          </fieldset>
        ) : (
          <>
            <p className="lead">{t('loginIntro')}</p>
            <IdentifierField value={identifier} onChange={(e) => setIdentifier(e.target.value)} />
            <PasswordField label={t('passwordLabel')} value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
            <button type="button" className="btn ghost forgot" onClick={() => onForgot(identifier.trim())}>
              {t('forgotPassword')}
            </button>
          </>
        )}
        <ErrorNotice code={error} />
        <div className="actions">
          <button type="submit" className="btn primary" disabled={busy} aria-busy={busy}>
            {busy ? t('loggingIn') : choices ? t('continue') : t('loginSubmit')}
          </button>
          <button type="button" className="btn secondary" onClick={choices ? () => setChoices(null) : onBack}>
            {t('back')}
          </button>
        </div>
      </form>
    </section>
  );
}
