// A photo that may fail to load (removed by the organiser, still being processed, the Wi-Fi
// dropped): instead of a broken-image icon, a few words, and in the viewer a retry.
import { useState, type ImgHTMLAttributes } from 'react';
import { useI18n } from '../i18n/i18n';

interface Props extends ImgHTMLAttributes<HTMLImageElement> {
  src: string;
  /** A thumbnail: a short note, no retry button. */
  small?: boolean;
}

export function PhotoImg({ src, small = false, ...img }: Props) {
  const { t } = useI18n();
  const [failed, setFailed] = useState<string | null>(null); // the src that failed
  const [attempt, setAttempt] = useState(0);
  if (failed === src) {
    return (
      <span className={`photo-missing ${small ? 'small' : ''}`} role={small ? undefined : 'alert'}>
        <span className="photo-missing-icon" aria-hidden="true" />
        <span>{small ? t('photoMissingShort') : t('photoMissing')}</span>
        {!small && (
          <button
            type="button"
            className="btn ghost on-dark"
            onClick={() => {
              setFailed(null);
              setAttempt((n) => n + 1);
            }}
          >
            {t('tryAgain')}
          </button>
        )}
      </span>
    );
  }
  return <img key={attempt} {...img} src={src} onError={() => setFailed(src)} />;
}
