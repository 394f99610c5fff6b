// When the local face model changes (a new FindMe version), descriptors of the old model can
// no longer be compared with new ones. At start, every local-engine event's processed photos
// and accepted selfies that the old model described go back through the job queue (their
// handlers are idempotent); until then they match nobody under the new model. The dashboard
// shows how many are left.
import type { Db } from '../db/database.js';
import type { EventsRepo } from '../db/repositories/events-repo.js';
import type { JobsRepo } from '../db/repositories/jobs-repo.js';
import type { PhotosRepo } from '../db/repositories/photos-repo.js';
import type { SelfiesRepo } from '../db/repositories/selfies-repo.js';
import type { SelfieStatusOwner } from '../status/selfie-status.js';

export interface ModelUpgradeDeps {
  db: Db;
  events: Pick<EventsRepo, 'listIds'>;
  photos: Pick<PhotosRepo, 'staleModel' | 'staleCount'>;
  selfies: Pick<SelfiesRepo, 'staleModel' | 'staleCount'>;
  selfieStatus: Pick<SelfieStatusOwner, 'requeued'>;
  jobs: Pick<JobsRepo, 'runAgain' | 'enqueue'>;
  /** Events on Rekognition keep their faces: Rekognition describes them. */
  usesLocalEngine: (eventId: string) => boolean;
  modelId: string;
  now: () => number;
}

export function createModelUpgrade(deps: ModelUpgradeDeps) {
  const localEvents = () => deps.events.listIds().filter(deps.usesLocalEngine);
  return {
    /** Queues every stale photo and selfie again; returns how many. One transaction. */
    queueStale: deps.db.transaction(() => {
      let photos = 0;
      let selfies = 0;
      for (const eventId of localEvents()) {
        for (const id of deps.selfies.staleModel(eventId, deps.modelId)) {
          deps.selfieStatus.requeued(id);
          if (!deps.jobs.runAgain('selfie', id, deps.now())) deps.jobs.enqueue('selfie', id, deps.now());
          selfies++;
        }
        for (const id of deps.photos.staleModel(eventId, deps.modelId)) {
          if (!deps.jobs.runAgain('photo', id, deps.now())) deps.jobs.enqueue('photo', id, deps.now());
          photos++;
        }
      }
      return { photos, selfies };
    }),
    /** Photos and selfies still described by another model (shown on the dashboard). */
    pending: () => localEvents().reduce((n, id) => n + deps.photos.staleCount(id, deps.modelId) + deps.selfies.staleCount(id, deps.modelId), 0),
  };
}
