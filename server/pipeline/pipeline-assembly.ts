// The face pipeline put together (as ingest/ftp/ftp-assembly.ts does for FTP): each status's
// owner, the face engines, the model upgrade, and the durable scheduler running the photo and
// selfie jobs. core.ts gives it the parts it shares with everything else.
import type { FaceEngineName } from '../contract/settings.js';
import type { Db } from '../db/database.js';
import type { Repositories } from '../db/repositories/repositories.js';
import type { Rekognition } from '../faces/rekognition/rekognition.js';
import type { MatchRule } from '../faces/matcher.js';
import { ACTIVE_PROFILE } from '../faces/model-profile.js';
import { jobCapacity } from '../jobs/capacity.js';
import { removingOrphanFiles } from '../jobs/orphan-files.js';
import { createScheduler, type SchedulerDeps } from '../jobs/scheduler.js';
import type { LiveBus } from '../live/live-bus.js';
import type { createStageStats } from '../monitor/stage-stats.js';
import type { SettingsService } from '../services/settings-service.js';
import { createPhotoStatus } from '../status/photo-status.js';
import { createSelfieStatus } from '../status/selfie-status.js';
import type { EventFiles } from '../storage/event-files.js';
import type { ImagePool } from '../workers/image-pool.js';
import { usesRekognition } from './engine-choice.js';
import { createEventLocks } from './event-locks.js';
import { createFaceEngines } from './face-engines.js';
import { createModelUpgrade } from './model-upgrade.js';
import { createPhotoJob } from './photo-job.js';
import { createSelfieAcceptance } from './selfie-acceptance.js';
import { createSelfieJob } from './selfie-job.js';

export interface PipelineAssemblyDeps {
  db: Db;
  repos: Pick<Repositories, 'events' | 'photos' | 'selfies' | 'matches' | 'jobs'>;
  bus: LiveBus;
  files: EventFiles;
  pool: ImagePool;
  settings: Pick<SettingsService, 'get'>;
  rekognition: Rekognition;
  engineFor: (eventId: string) => FaceEngineName;
  matchRule: () => MatchRule;
  stages: Pick<ReturnType<typeof createStageStats>, 'record'>;
  /** Password checks waiting for a bcrypt thread: jobs leave them the cores they need. */
  passwordsWaiting: () => number;
  /** A photo's job ended (done or failed): the throughput figures count it. */
  onPhotoFinished: (photoId: string) => void;
  onJobError: SchedulerDeps['onError'];
  retryBackoffMs?: number;
}

export function assemblePipeline(deps: PipelineAssemblyDeps) {
  const { db, repos, bus, files, pool, settings, rekognition, engineFor } = deps;
  const photoStatus = createPhotoStatus({ photos: repos.photos, bus });
  const selfieStatus = createSelfieStatus({ selfies: repos.selfies, bus });
  const pipelineDeps = {
    db,
    photoStatus,
    selfieStatus,
    photos: repos.photos,
    selfies: repos.selfies,
    matches: repos.matches,
    files,
    pool,
    matchRule: deps.matchRule,
    modelId: ACTIVE_PROFILE.id,
    engineFor,
    rekognition: {
      engine: rekognition.engine,
      repo: rekognition.repo,
      context: (eventId: string) => rekognition.context(() => engineFor(eventId) !== 'rekognition'),
      locks: createEventLocks(),
    },
  };
  // One set of engines for both jobs (the local one, and Rekognition when it is set up).
  const faceEngines = createFaceEngines({ ...pipelineDeps, onTimings: deps.stages.record });
  const modelUpgrade = createModelUpgrade({
    db,
    events: repos.events,
    photos: repos.photos,
    selfies: repos.selfies,
    jobs: repos.jobs,
    selfieStatus,
    usesLocalEngine: (eventId) => engineFor(eventId) === 'local',
    modelId: ACTIVE_PROFILE.id,
    now: Date.now,
  });
  const scheduler = createScheduler({
    jobs: repos.jobs,
    handlers: {
      // What a job writes for a photo or selfie deleted while it ran is removed when it ends.
      photo: removingOrphanFiles(createPhotoJob({ ...pipelineDeps, engines: faceEngines }), {
        find: repos.photos.findById,
        eventExists: repos.events.exists,
        eventDir: files.eventDir,
        filesOf: (p) => [files.preview(p.eventId, p.id), files.thumb(p.eventId, p.id), files.original(p.eventId, p.id, p.ext)],
      }),
      selfie: removingOrphanFiles(createSelfieJob({ ...pipelineDeps, engines: faceEngines }), {
        find: repos.selfies.findById,
        eventExists: repos.events.exists,
        eventDir: files.eventDir,
        filesOf: (x) => [files.selfie(x.eventId, x.id), files.selfieUpload(x.eventId, x.id)],
      }),
    },
    capacity: () =>
      jobCapacity({
        poolSize: pool.size(),
        passwordsWaiting: deps.passwordsWaiting(),
        rekognitionSlots: usesRekognition(settings.get()) ? settings.get().rekognitionConcurrency : 0,
      }),
    backoffBaseMs: deps.retryBackoffMs,
    onJobChange: (job, state, error) => {
      if (job.kind === 'photo' && (state === 'done' || state === 'failed')) deps.onPhotoFinished(job.refId);
      bus.emit('job', { jobId: job.id, kind: job.kind, state, error: error ?? null });
    },
    onError: deps.onJobError,
  });
  // The operator's decisions on held selfies go through the same acceptance as the selfie job's.
  const selfieAcceptance = createSelfieAcceptance(pipelineDeps);
  return { photoStatus, selfieStatus, modelUpgrade, scheduler, selfieAcceptance };
}
