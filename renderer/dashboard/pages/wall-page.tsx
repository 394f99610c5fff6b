// Photo wall: the live slideshow for a screen at the venue, and which photos may appear on it.
import { WallPanel } from '../components/wall-panel';
import { useDashboard } from '../state';

export function WallPage() {
  const { t, events, activeEventId } = useDashboard();
  const event = events.find((e) => e.id === activeEventId);
  if (!event) return <p>{t.noEvent}</p>;
  return <WallPanel key={event.id} eventId={event.id} />;
}
