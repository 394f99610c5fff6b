// Create an account in two steps: the details (availability checked as they are typed), then
// the consent to face processing, in plain words. No consent, no account. The step comes from
// the browser's history (app.tsx); the fields are kept as drafts (drafts.ts), the password
// in memory only: after a reload the attendee types it again, and is told so.
import { useEffect, useRef, useState } from 'react';
import { hasDraft, useDraft, useMemoryOnly } from '../drafts';
import type { AuthResponse } from '../../../server/contract/attendee';
import type { EventRef } from '../../../server/contract/common';
import { api, errorCode } from '../api';
import { ErrorNotice } from '../components/error-notice';
import { Field, type FieldMessage } from '../components/field';
import { PasswordField } from '../components/password-field';
import { ScreenHeading } from '../components/screen-heading';
import { EMAIL_RE, USERNAME_RE, useAvailability, type Availability } from '../hooks/use-availability';
import { errorKey, useI18n, type Translate } from '../i18n/i18n';
import { ConsentStep } from './consent-step';
import { DISPLAY_NAME_MAX, EMAIL_MAX, PASSWORD_MAX_BYTES, PASSWORD_MIN_BYTES, USERNAME_MAX } from '../../../server/contract/limits';

interface Props {
  event: EventRef;
  code: string;
  step: 'details' | 'consent';
  /** Details accepted: on to the consent (a new history entry). */
  onConsentStep: () => void;
  /** Back from the consent to the details (history back). */
  onDetailsStep: () => void;
  onDone: (auth: AuthResponse) => void;
  onBack: () => void;
}

const PASSWORD_MIN = PASSWORD_MIN_BYTES;
const PASSWORD_MAX = PASSWORD_MAX_BYTES;
const byteLength = (s: string) => new TextEncoder().encode(s).length;
const DETAIL_ERRORS = new Set(['username_taken', 'email_taken', 'password_too_short', 'password_too_long', 'invalid_request']);
/** Errors shown next to their field rather than above the buttons. */
const FIELD_ERRORS = new Set(['username_taken', 'email_taken', 'password_too_short', 'password_too_long']);

function availabilityMessage(t: Translate, a: Availability, okText: string, takenCode: string): FieldMessage | null {
  if (a === 'checking') return { tone: 'info', text: t('checking') };
  if (a === 'available') return { tone: 'ok', text: okText };
  if (a === 'taken') return { tone: 'error', text: t(errorKey(takenCode)) };
  return null;
}

export function RegisterScreen({ event, code, step, onConsentStep, onDetailsStep, onDone, onBack }: Props) {
  const { t } = useI18n();
  const draft = `register.${code}`;
  // Fields kept from before (a reload, or Forward back here) but not the password.
  const [restored] = useState(() => hasDraft(`${draft}.username`));
  const [displayName, setDisplayName] = useDraft(`${draft}.displayName`, '');
  const [username, setUsername] = useDraft(`${draft}.username`, '');
  const [email, setEmail] = useDraft(`${draft}.email`, '');
  const [password, setPassword] = useMemoryOnly(`${draft}.password`);
  const [attempted, setAttempted] = useState(false);
  const [consent, setConsent] = useState(false);
  const [consentMissing, setConsentMissing] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);

  const usernameValid = USERNAME_RE.test(username.trim());
  const emailValid = EMAIL_RE.test(email.trim());
  const usernameAvail = useAvailability(code, 'username', username, usernameValid);
  const emailAvail = useAvailability(code, 'email', email, emailValid);
  const pwBytes = byteLength(password);

  let usernameMsg: FieldMessage | null;
  if (serverError === 'username_taken') usernameMsg = { tone: 'error', text: t('err_username_taken') };
  else if (username && !usernameValid && (attempted || /[^\p{L}\p{N}._-]/u.test(username) || username.length > 32)) {
    usernameMsg = { tone: 'error', text: t('usernameInvalid') };
  } else if (!username && attempted) usernameMsg = { tone: 'error', text: t('usernameInvalid') };
  else usernameMsg = availabilityMessage(t, usernameAvail, t('usernameAvailable'), 'username_taken');

  let emailMsg: FieldMessage | null;
  if (serverError === 'email_taken') emailMsg = { tone: 'error', text: t('err_email_taken') };
  else if (email.trim() && !emailValid && attempted) emailMsg = { tone: 'error', text: t('emailInvalid') };
  else emailMsg = availabilityMessage(t, emailAvail, t('emailAvailable'), 'email_taken');

  let passwordMsg: FieldMessage | null = null;
  if (serverError === 'password_too_short' || serverError === 'password_too_long') passwordMsg = { tone: 'error', text: t(errorKey(serverError)) };
  else if (pwBytes > PASSWORD_MAX) passwordMsg = { tone: 'error', text: t('err_password_too_long') };
  else if (pwBytes >= PASSWORD_MIN) passwordMsg = { tone: 'ok', text: t('passwordOk') };
  else if (attempted) passwordMsg = { tone: 'error', text: t('err_password_too_short') };
  else if (password) {
    const n = PASSWORD_MIN - pwBytes;
    passwordMsg = { tone: 'info', text: n === 1 ? t('passwordTooShortLiveOne') : t('passwordTooShortLive', { n }) };
  } else if (restored) passwordMsg = { tone: 'info', text: t('passwordAgain') };

  const clearServer = (codes: string[]) => {
    if (serverError && codes.includes(serverError)) setServerError(null);
  };
  const detailsOk =
    usernameValid &&
    usernameAvail !== 'taken' &&
    !(serverError && FIELD_ERRORS.has(serverError)) &&
    (!email.trim() || (emailValid && emailAvail !== 'taken')) &&
    pwBytes >= PASSWORD_MIN &&
    pwBytes <= PASSWORD_MAX;

  // The consent step without a password (the page was reloaded there): back to the details.
  const passwordLost = step === 'consent' && !password;
  const sentBack = useRef(false);
  useEffect(() => {
    if (passwordLost && !sentBack.current) onDetailsStep();
    sentBack.current = passwordLost;
  }, [passwordLost, onDetailsStep]);

  // After a refused "Continue", bring the first field to fix into view and focus.
  const [focusTick, setFocusTick] = useState(0);
  useEffect(() => {
    if (focusTick) document.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
  }, [focusTick]);

  async function submit() {
    if (!consent) {
      setConsentMissing(true);
      return;
    }
    setSubmitting(true);
    setServerError(null);
    try {
      const auth = await api.register({
        code,
        username: username.trim(),
        password,
        consent: true,
        ...(email.trim() && { email: email.trim() }),
        ...(displayName.trim() && { displayName: displayName.trim() }),
      });
      onDone(auth);
    } catch (err) {
      const c = errorCode(err);
      setServerError(c);
      if (c === 'consent_required') setConsentMissing(true);
      if (DETAIL_ERRORS.has(c)) onDetailsStep();
    } finally {
      setSubmitting(false);
    }
  }

  if (step === 'consent' && !passwordLost) {
    return (
      <ConsentStep
        consent={consent}
        missing={consentMissing}
        submitting={submitting}
        serverError={serverError}
        onConsent={(v) => {
          setConsent(v);
          if (v) setConsentMissing(false);
        }}
        onSubmit={() => void submit()}
        onBack={onDetailsStep}
      />
    );
  }

  return (
    <section className="card" aria-labelledby="register-title">
      <ScreenHeading id="register-title">{t('registerTitle')}</ScreenHeading>
      <p className="lead">{t('registerIntro', { event: event.name })}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setAttempted(true);
          if (detailsOk) {
            setServerError(null);
            onConsentStep();
          } else setFocusTick((n) => n + 1);
        }}
      >
        <Field
          label={t('displayNameLabel')}
          labelNote={t('optional')}
          hint={t('displayNameHint')}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          maxLength={DISPLAY_NAME_MAX}
          autoComplete="name"
        />
        <Field
          label={t('usernameLabel')}
          hint={t('usernameHint')}
          message={usernameMsg}
          required
          value={username}
          onChange={(e) => {
            setUsername(e.target.value);
            clearServer(['username_taken']);
          }}
          maxLength={USERNAME_MAX}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
        />
        <Field
          label={t('emailLabel')}
          labelNote={t('optional')}
          hint={t('emailHint')}
          message={emailMsg}
          type="email"
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            clearServer(['email_taken']);
          }}
          maxLength={EMAIL_MAX}
          autoComplete="email"
          inputMode="email"
        />
        <PasswordField
          label={t('passwordLabel')}
          hint={t('passwordHint')}
          message={passwordMsg}
          required
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            clearServer(['password_too_short', 'password_too_long']);
          }}
          autoComplete="new-password"
        />
        <ErrorNotice code={serverError && FIELD_ERRORS.has(serverError) ? null : serverError} />
        {attempted && !detailsOk && <p className="form-error">{t('fixErrors')}</p>}
        <div className="actions">
          <button type="submit" className="btn primary">
            {t('continue')}
          </button>
          <button type="button" className="btn secondary" onClick={onBack}>
            {t('back')}
          </button>
        </div>
      </form>
    </section>
  );
}
