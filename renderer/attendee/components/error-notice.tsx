// A translated error from a server code, read out at once by screen readers.
import { errorKey, useI18n } from '../i18n/i18n';

export function ErrorNotice({ code, onRetry }: { code: string | null; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert" className={code ? 'notice error' : 'notice-empty'}>
      {code && <p>{t(errorKey(code))}</p>}
      {code && onRetry && (
        <button type="button" className="btn secondary" onClick={onRetry}>
          {t('tryAgain')}
        </button>
      )}
    </div>
  );
}
