// Join an event: the code comes from the QR code's URL (/e/<CODE>) or is typed, and is
// checked as it is typed (and kept as a draft: a reload or Back does not lose it).
import { useState } from 'react';
import { useDraft } from '../drafts';
import type { EventRef } from '../../../server/contract/common';
import { Field, type FieldMessage } from '../components/field';
import { ScreenHeading } from '../components/screen-heading';
import { useEventCode } from '../hooks/use-event-code';
import { errorKey, useI18n } from '../i18n/i18n';

interface Props {
  initialCode: string;
  onRegister: (event: EventRef, code: string) => void;
  onLogin: (event: EventRef | null) => void;
}

export function JoinScreen({ initialCode, onRegister, onLogin }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useDraft('join.code', '');
  const [code, setCodeState] = useState(initialCode || draft);
  const setCode = (value: string) => {
    setCodeState(value);
    setDraft(value);
  };
  const [retry, setRetry] = useState(0);
  const check = useEventCode(code, retry);
  const event = check.state === 'valid' ? check.event : null;
  // A closed event still lets its attendees log in: only new accounts are refused.
  const closed = event?.registrationOpen === false;

  let message: FieldMessage | null = null;
  if (check.state === 'checking') message = { tone: 'info', text: t('eventChecking') };
  else if (event && closed) message = { tone: 'info', text: t('registrationClosed', { name: event.name }) };
  else if (check.state === 'valid') message = { tone: 'ok', text: t('eventFound', { name: check.event.name }) };
  else if (check.state === 'invalid') message = { tone: 'error', text: t('eventNotFound') };
  else if (check.state === 'error') message = { tone: 'error', text: t(errorKey(check.code)) };

  return (
    <section className="card" aria-labelledby="join-title">
      <ScreenHeading id="join-title">{t('joinTitle')}</ScreenHeading>
      <p className="lead">{t('joinIntro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (closed) onLogin(event);
          else if (event) onRegister(event, code);
          else setRetry((n) => n + 1);
        }}
      >
        <Field
          label={t('eventCodeLabel')}
          hint={t('eventCodeHint')}
          message={message}
          value={code}
          onChange={(e) =>
            setCode(
              e.target.value
                .replace(/[^A-Za-z0-9]/g, '')
                .toUpperCase()
                .slice(0, 12),
            )
          }
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          className="code-input"
          enterKeyHint="go"
        />
        {check.state === 'error' && (
          <button type="button" className="btn secondary" onClick={() => setRetry((n) => n + 1)}>
            {t('tryAgain')}
          </button>
        )}
        <div className="actions">
          <button type="submit" className="btn primary" disabled={!event || closed}>
            {t('createAccount')}
          </button>
          <button type="button" className={closed ? 'btn primary' : 'btn secondary'} onClick={() => onLogin(event)}>
            {t('haveAccount')}
          </button>
        </div>
      </form>
    </section>
  );
}
