// Log out, or delete the account and every piece of data about the attendee (after a
// confirmation step).
import { useState } from 'react';
import type { Attendee } from '../../../server/contract/attendee';
import { api, errorCode } from '../api';
import { ErrorNotice } from '../components/error-notice';
import { useI18n } from '../i18n/i18n';

interface Props {
  attendee: Attendee;
  onLoggedOut: () => void;
  onDeleted: () => void;
}

export function AccountSection({ attendee, onLoggedOut, onDeleted }: Props) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = (action: () => Promise<void>, done: () => void) => {
    setBusy(true);
    setError(null);
    action()
      .then(done, (err: unknown) => {
        const code = errorCode(err);
        if (code === 'unauthorized' || code === 'session_expired')
          done(); // already signed out
        else setError(code);
      })
      .finally(() => setBusy(false));
  };

  const name = attendee.displayName === attendee.username ? attendee.username : `${attendee.displayName} (${attendee.username})`;
  return (
    <section className="card" aria-labelledby="account-title">
      <h2 id="account-title">{t('accountTitle')}</h2>
      <p>{t('signedInAs', { name })}</p>
      {confirming ? (
        <div className="confirm danger-zone" role="group" aria-labelledby="delete-q">
          <h3 id="delete-q">{t('deleteConfirmTitle')}</h3>
          <p>{t('deleteConfirmText')}</p>
          <div className="actions">
            <button type="button" className="btn danger" disabled={busy} aria-busy={busy} autoFocus onClick={() => run(api.deleteMe, onDeleted)}>
              {busy ? t('deleting') : t('deleteYes')}
            </button>
            <button type="button" className="btn secondary" onClick={() => setConfirming(false)} disabled={busy}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="btn secondary" disabled={busy} onClick={() => run(api.logout, onLoggedOut)}>
            {t('logout')}
          </button>
          <button type="button" className="btn danger-outline" onClick={() => setConfirming(true)}>
            {t('deleteAccount')}
          </button>
        </div>
      )}
      <ErrorNotice code={error} />
    </section>
  );
}
