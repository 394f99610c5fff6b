// A forgotten password: a one-time code for the attendee, made when the dialog opens, shown
// grouped (ABCD-EFGH) with its expiry and what the attendee does with it on their phone.
import { useEffect, useState } from 'react';
import type { ResetCode } from '../../../server/contract/admin';
import { useDashboard } from '../state';
import { Modal } from './modal';

export function ResetCodeDialog({ attendee, onClose }: { attendee: { id: string; username: string; displayName: string }; onClose: () => void }) {
  const { api, t, lang, activeEventId } = useDashboard();
  const [code, setCode] = useState<ResetCode | null>(null);
  const [failed, setFailed] = useState('');

  useEffect(() => {
    let live = true;
    api.post<ResetCode>(`/api/admin/events/${activeEventId}/attendees/${attendee.id}/reset-code`).then(
      (c) => live && setCode(c),
      (e: Error) => live && setFailed(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, activeEventId, attendee.id]);

  const until = code ? new Date(code.expiresAt).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' }) : '';
  return (
    <Modal title={t.resetCodeTitle(attendee.displayName)} onClose={onClose} className="reset-code">
      <p className="muted">@{attendee.username}</p>
      {failed && (
        <p className="err" role="alert">
          {failed}
        </p>
      )}
      {code ? (
        <>
          <p className="reset-code-value" aria-label={t.resetCodeLabel}>
            {code.code.slice(0, 4)}-{code.code.slice(4)}
          </p>
          <p>{t.resetCodeValid(until)}</p>
          <p className="note">{t.resetCodeSteps}</p>
        </>
      ) : (
        !failed && <p aria-busy="true">…</p>
      )}
      <form method="dialog" className="modal-actions">
        <button type="submit" className="primary">
          {t.close}
        </button>
      </form>
    </Modal>
  );
}
