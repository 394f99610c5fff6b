// A forgotten password: the one-time code the organiser gave at the welcome desk, the username
// or e-mail, a new password. Success is a login: the attendee lands in their gallery.
import { useState } from 'react';
import type { AuthResponse } from '../../../server/contract/attendee';
import { RESET_CODE_LENGTH } from '../../../server/contract/limits';
import { api, errorCode } from '../api';
import { ErrorNotice } from '../components/error-notice';
import { Field } from '../components/field';
import { IdentifierField } from '../components/identifier-field';
import { PasswordField } from '../components/password-field';
import { ScreenHeading } from '../components/screen-heading';
import { useI18n } from '../i18n/i18n';

interface Props {
  /** What was typed on the login screen, if anything. */
  identifier: string;
  onDone: (auth: AuthResponse) => void;
  onBack: () => void;
}

/** Shown as the dashboard shows it: ABCD-EFGH. */
export function groupResetCode(typed: string): string {
  const chars = typed
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, RESET_CODE_LENGTH);
  return chars.length > 4 ? `${chars.slice(0, 4)}-${chars.slice(4)}` : chars;
}

export function ResetPasswordScreen({ identifier: initialIdentifier, onDone, onBack }: Props) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [identifier, setIdentifier] = useState(initialIdentifier);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    if (!identifier.trim()) return setError('identifier_required');
    if (new TextEncoder().encode(password).length < 8) return setError('password_too_short');
    setBusy(true);
    setError(null);
    try {
      onDone(await api.resetPassword({ code, identifier: identifier.trim(), password }));
    } catch (err) {
      setError(errorCode(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="reset-title">
      <ScreenHeading id="reset-title">{t('resetTitle')}</ScreenHeading>
      <p className="lead">{t('resetIntro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field
          label={t('resetCodeLabel')}
          hint={t('resetCodeHint')}
          value={code}
          onChange={(e) => {
            setCode(groupResetCode(e.target.value));
            setError(null); // the last answer was about another code
          }}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          className="code-input"
          maxLength={RESET_CODE_LENGTH + 1}
        />
        <IdentifierField value={identifier} onChange={(e) => setIdentifier(e.target.value)} />
        <PasswordField
          label={t('newPasswordLabel')}
          hint={t('passwordHint')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
        />
        <ErrorNotice code={error} />
        <div className="actions">
          <button type="submit" className="btn primary" disabled={busy || code.replace('-', '').length !== RESET_CODE_LENGTH} aria-busy={busy}>
            {busy ? t('resetting') : t('resetSubmit')}
          </button>
          <button type="button" className="btn secondary" onClick={onBack}>
            {t('back')}
          </button>
        </div>
      </form>
    </section>
  );
}
