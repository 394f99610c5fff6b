// After logging out, deleting the account, or a session that ended.
import { ScreenHeading } from '../components/screen-heading';
import { useI18n } from '../i18n/i18n';
import type { SignOutReason } from './home-screen';

export function FarewellScreen({ reason, onRestart }: { reason: SignOutReason; onRestart: () => void }) {
  const { t } = useI18n();
  return (
    <section className="card farewell" aria-labelledby="farewell-title">
      <span className={`farewell-icon ${reason}`} aria-hidden="true" />
      <ScreenHeading id="farewell-title">{reason === 'deleted' ? t('deletedTitle') : t('loggedOutTitle')}</ScreenHeading>
      {reason === 'deleted' && <p>{t('deletedText')}</p>}
      {reason === 'expired' && <p>{t('err_session_expired')}</p>}
      <div className="actions">
        <button type="button" className="btn primary" onClick={onRestart}>
          {t('startAgain')}
        </button>
      </div>
    </section>
  );
}
