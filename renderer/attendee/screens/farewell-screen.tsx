// After logging out, deleting the account, a session that ended, or the organiser's removal.
import { ScreenHeading } from '../components/screen-heading';
import { useI18n } from '../i18n/i18n';
import type { SignOutReason } from '../nav/steps';

export function FarewellScreen({ reason, onRestart }: { reason: SignOutReason; onRestart: () => void }) {
  const { t } = useI18n();
  const title = reason === 'deleted' ? t('deletedTitle') : reason === 'removed' ? t('removedTitle') : t('loggedOutTitle');
  return (
    <section className="card farewell" aria-labelledby="farewell-title">
      <span className={`farewell-icon ${reason}`} aria-hidden="true" />
      <ScreenHeading id="farewell-title">{title}</ScreenHeading>
      {reason === 'deleted' && <p>{t('deletedText')}</p>}
      {reason === 'removed' && <p>{t('removedText')}</p>}
      {reason === 'expired' && <p>{t('err_session_expired')}</p>}
      <div className="actions">
        <button type="button" className="btn primary" onClick={onRestart}>
          {t('startAgain')}
        </button>
      </div>
    </section>
  );
}
