// The Live page's figures of one event (its photos by state, the recent rate, the time left)
// and its newest matches, so the match feed survives a reload.
import type { EventQueue, RecentMatch } from '../contract/event-live.js';
import type { MatchesRepo } from '../db/repositories/matches-repo.js';
import type { PhotosRepo } from '../db/repositories/photos-repo.js';
import type { EventThroughput } from '../monitor/throughput.js';

export interface EventLiveDeps {
  photos: Pick<PhotosRepo, 'statusCounts'>;
  matches: Pick<MatchesRepo, 'recentOfEvent'>;
  throughput: Pick<EventThroughput, 'figures'>;
}

export function createEventLiveService(deps: EventLiveDeps) {
  return {
    queue(eventId: string): EventQueue {
      const c = deps.photos.statusCounts(eventId);
      return {
        queued: c.queued,
        processing: c.processing,
        done: c.done + c.no_faces,
        failed: c.failed,
        ...deps.throughput.figures(eventId, c.queued + c.processing),
      };
    },
    recentMatches: (eventId: string, limit: number): RecentMatch[] =>
      deps.matches.recentOfEvent(eventId, limit).map((m) => ({
        ...m,
        eventId,
        matchedAt: new Date(m.matchedAt).toISOString(),
        thumbUrl: `/api/admin/photos/${m.photoId}/thumb`,
      })),
  };
}
export type EventLiveService = ReturnType<typeof createEventLiveService>;
