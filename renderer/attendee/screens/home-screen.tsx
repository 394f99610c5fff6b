// The signed-in attendee's screen: selfie, gallery (live), account; the viewer on top. Which
// photo is open comes from the browser's history (app.tsx), so Back closes the viewer.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GalleryPhoto, MeResponse } from '../../../server/contract/attendee';
import { api, errorCode } from '../api';
import { UndoToast, type Toast } from '../components/undo-toast';
import { useEventStream } from '../hooks/use-event-stream';
import { useGallery } from '../hooks/use-gallery';
import { useSelfies } from '../hooks/use-selfies';
import { ScreenHeading } from '../components/screen-heading';
import { useI18n } from '../i18n/i18n';
import type { SignOutReason } from '../nav/steps';
import { AccountSection } from './account-section';
import { GallerySection } from './gallery-section';
import { SelfieSection } from './selfie-section';
import { Viewer } from './viewer';

export type { SignOutReason };

/** How long the Undo of "This isn't me" is offered (the server keeps it longer). */
const UNDO_MS = 8000;

interface Props {
  me: MeResponse;
  /** The photo open in the viewer, by id: new photos shown meanwhile do not move it. */
  viewingId: string | null;
  /** Open a photo (a new history entry) or move to another one in the viewer (the same entry). */
  onView: (photoId: string, how: 'open' | 'move') => void;
  onCloseViewer: () => void;
  onSignedOut: (why: SignOutReason) => void;
}

export function HomeScreen({ me, viewingId, onView, onCloseViewer, onSignedOut }: Props) {
  const { t } = useI18n();
  const selfies = useSelfies(me.selfies);
  const gallery = useGallery();
  const viewing = viewingId === null ? -1 : gallery.photos.findIndex((p) => p.id === viewingId);
  const [toast, setToast] = useState<Toast | null>(null);
  const viewingRef = useRef(viewingId); // read when the undo's answer comes back
  viewingRef.current = viewingId;
  const toastTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stream = useEventStream({
    onSelfie: selfies.apply,
    onMatch: gallery.onMatch,
    onPhotoRemoved: gallery.remove,
    onResync: () => {
      selfies.refresh();
      gallery.onMatch();
    },
    onUnauthorized: () => onSignedOut('expired'),
    onRemoved: () => onSignedOut('removed'),
  });
  const hasAccepted = selfies.selfies.some((s) => s.status === 'accepted');
  const selfieHeld = selfies.selfies.some((s) => s.status === 'held');
  const selfieChecking = selfies.selfies.some((s) => s.status === 'processing');

  // Phones freeze background tabs (and their streams): catch up when the page is seen again.
  const { refresh } = selfies;
  const { onMatch } = gallery;
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      refresh();
      onMatch();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [refresh, onMatch]);

  // A photo in history that is not in the gallery (gone since, or reloaded into): no viewer.
  const stale = viewingId !== null && viewing < 0 && gallery.status === 'ready';
  useEffect(() => {
    if (stale) onCloseViewer();
  }, [stale]); // once per stale id

  // Back to the thumbnail the attendee opened, once the viewer has closed.
  const lastViewed = useRef<string | null>(null);
  useEffect(() => {
    if (viewingId) lastViewed.current = viewingId;
    else if (lastViewed.current) {
      const id = lastViewed.current;
      lastViewed.current = null;
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-photo-id="${CSS.escape(id)}"]`)?.focus());
    }
  }, [viewingId]);

  const showToast = useCallback((next: Toast | null, ms = UNDO_MS) => {
    clearTimeout(toastTimer.current);
    setToast(next);
    if (next) toastTimer.current = setTimeout(() => setToast(null), ms);
  }, []);
  useEffect(() => () => clearTimeout(toastTimer.current), []);

  const removed = (photo: GalleryPhoto) => {
    const i = gallery.photos.findIndex((p) => p.id === photo.id);
    const next = gallery.photos[i + 1] ?? gallery.photos[i - 1] ?? null;
    gallery.remove(photo.id);
    if (next) onView(next.id, 'move');
    else onCloseViewer();
    showToast({ kind: 'undo', text: 'notMeDone', photo });
  };

  const undo = (photo: GalleryPhoto) => {
    showToast({ kind: 'note', text: 'undoing' });
    api.undoNotMe(photo.id).then(
      () => {
        gallery.restore(photo);
        if (viewingRef.current) onView(photo.id, 'move'); // the viewer shows it again, as before
        showToast({ kind: 'note', text: 'notMeUndone' }, 4000);
      },
      (err: unknown) => showToast({ kind: 'note', text: errorCode(err) === 'undo_expired' ? 'err_undo_expired' : 'err_network_error' }, 6000),
    );
  };

  const toastView = toast && <UndoToast toast={toast} onUndo={undo} />;
  return (
    <>
      <div className="greeting">
        <ScreenHeading>{t('homeTitle', { name: me.attendee.displayName })}</ScreenHeading>
      </div>
      <SelfieSection selfies={selfies} />
      <GallerySection
        gallery={gallery}
        hasSelfie={hasAccepted}
        selfieHeld={selfieHeld}
        selfieChecking={selfieChecking}
        stream={stream}
        toast={viewing >= 0 ? null : toastView}
        onOpen={(i) => {
          const id = gallery.photos[i]?.id;
          if (id) onView(id, 'open');
        }}
      />
      <AccountSection attendee={me.attendee} onLoggedOut={() => onSignedOut('logout')} onDeleted={() => onSignedOut('deleted')} />
      {viewing >= 0 && (
        <Viewer
          photos={gallery.photos}
          index={viewing}
          onIndex={(i) => {
            const id = gallery.photos[i]?.id;
            if (id) onView(id, 'move');
          }}
          onClose={onCloseViewer}
          onRemoved={removed}
          toast={toastView}
        />
      )}
    </>
  );
}
