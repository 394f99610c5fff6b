// A short message at the bottom of the screen; after "This isn't me", with an Undo button for
// a few seconds. Polite: read out without moving the focus.
import type { GalleryPhoto } from '../../../server/contract/attendee';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';

export type Toast = { kind: 'undo'; text: MessageKey; photo: GalleryPhoto } | { kind: 'note'; text: MessageKey };

export function UndoToast({ toast, onUndo }: { toast: Toast; onUndo: (photo: GalleryPhoto) => void }) {
  const { t } = useI18n();
  return (
    <div className="toast undo-toast" role="status">
      <span>{t(toast.text)}</span>
      {toast.kind === 'undo' && (
        <button type="button" className="btn ghost on-dark" onClick={() => onUndo(toast.photo)}>
          {t('undo')}
        </button>
      )}
    </div>
  );
}
