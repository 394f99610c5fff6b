// The signed-in attendee's screen: selfie, gallery (live), account; the viewer on top.
import { useCallback, useEffect, useState } from 'react';
import type { MeResponse } from '../../../server/contract/attendee';
import { useEventStream } from '../hooks/use-event-stream';
import { useGallery } from '../hooks/use-gallery';
import { useSelfies } from '../hooks/use-selfies';
import { ScreenHeading } from '../components/screen-heading';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { AccountSection } from './account-section';
import { GallerySection } from './gallery-section';
import { SelfieSection } from './selfie-section';
import { Viewer } from './viewer';

export type SignOutReason = 'logout' | 'deleted' | 'expired';

export function HomeScreen({ me, onSignedOut }: { me: MeResponse; onSignedOut: (why: SignOutReason) => void }) {
  const { t } = useI18n();
  const selfies = useSelfies(me.selfies);
  const gallery = useGallery();
  // The photo open in the viewer, by id: new photos shown meanwhile do not move it.
  const [viewingId, setViewingId] = useState<string | null>(null);
  const viewing = viewingId === null ? -1 : gallery.photos.findIndex((p) => p.id === viewingId);
  const [announcement, setAnnouncement] = useState<MessageKey | null>(null);
  const stream = useEventStream({
    onSelfie: selfies.apply,
    onMatch: gallery.onMatch,
    onPhotoRemoved: gallery.remove,
    onResync: () => {
      selfies.refresh();
      gallery.onMatch();
    },
    onUnauthorized: () => onSignedOut('expired'),
  });
  const hasAccepted = selfies.selfies.some((s) => s.status === 'accepted');
  const selfieHeld = selfies.selfies.some((s) => s.status === 'held');

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

  const closeViewer = useCallback(() => {
    const id = viewingId;
    setViewingId(null);
    // Back to the thumbnail the attendee opened.
    if (id) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-photo-id="${CSS.escape(id)}"]`)?.focus());
  }, [viewingId]);

  const removed = (photoId: string) => {
    const i = gallery.photos.findIndex((p) => p.id === photoId);
    const next = gallery.photos[i + 1] ?? gallery.photos[i - 1] ?? null;
    gallery.remove(photoId);
    setViewingId(next?.id ?? null);
    setAnnouncement('notMeDone');
    setTimeout(() => setAnnouncement(null), 6000);
  };

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
        stream={stream}
        announcement={announcement}
        onOpen={(i) => setViewingId(gallery.photos[i]?.id ?? null)}
      />
      <AccountSection attendee={me.attendee} onLoggedOut={() => onSignedOut('logout')} onDeleted={() => onSignedOut('deleted')} />
      {viewing >= 0 && (
        <Viewer
          photos={gallery.photos}
          index={viewing}
          onIndex={(i) => setViewingId(gallery.photos[i]?.id ?? null)}
          onClose={closeViewer}
          onRemoved={removed}
        />
      )}
    </>
  );
}
