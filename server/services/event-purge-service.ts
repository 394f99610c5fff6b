// Purging an event: every photo, attendee, selfie, descriptor, match, job and file goes, by
// hand from the dashboard or automatically after the retention period. Both are logged.
import { rm } from 'node:fs/promises';
import { forgetNow, type Db } from '../db/database.js';
import type { EventsRepo } from '../db/repositories/events-repo.js';
import type { HotFolders } from '../ingest/hot-folders.js';
import type { EventFiles } from '../storage/event-files.js';
import type { EventsService } from './events-service.js';

export interface PurgeDeps {
  db: Db;
  eventsRepo: EventsRepo;
  events: EventsService;
  files: EventFiles;
  hotFolders: HotFolders;
  log: (msg: string, data: Record<string, unknown>) => void;
  /** Extra clean-up per engine (e.g. the event's Rekognition collection). */
  onPurged?: (eventId: string) => Promise<void>;
  now?: () => number;
}

const DAY_MS = 24 * 3600 * 1000;

export function createEventPurgeService(deps: PurgeDeps) {
  const now = deps.now ?? Date.now;

  async function purge(eventId: string, reason: 'operator' | 'retention'): Promise<boolean> {
    const event = deps.eventsRepo.findById(eventId);
    if (!event) return false;
    await deps.hotFolders.unwatch(eventId);
    if (!deps.eventsRepo.deleteWithEverything(eventId)) return false;
    forgetNow(deps.db);
    deps.events.cache.invalidate(event.code);
    await rm(deps.files.eventDir(eventId), { recursive: true, force: true });
    await deps.onPurged?.(eventId);
    deps.log('event purged', { eventId, code: event.code, reason });
    return true;
  }

  return {
    purge,
    /** Purges the events older than `retentionDays` (0: none). Returns how many. */
    async purgeExpired(retentionDays: number): Promise<number> {
      if (retentionDays <= 0) return 0;
      const expired = deps.eventsRepo.createdBefore(now() - retentionDays * DAY_MS);
      let n = 0;
      for (const e of expired) if (await purge(e.id, 'retention')) n++;
      return n;
    },
  };
}
export type EventPurgeService = ReturnType<typeof createEventPurgeService>;
