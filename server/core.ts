// Wires FindMe together: database, repositories, services, worker pools, the job scheduler,
// hot folders and both listeners. Used by the headless CLI, Electron's main process and tests.
import { join } from 'node:path';
import type { Logger } from 'pino';
import { buildAdminApp } from './app/admin-app.js';
import { buildAttendeeApp } from './app/attendee-app.js';
import { MAX_CONNECTIONS } from './http/http-base.js';
import { createThumbCache } from './cache/thumb-cache.js';
import { defaultSettings, type Config } from './config.js';
import { REDACT } from './logger.js';
import { openDatabase } from './db/database.js';
import { createRepositories } from './db/repositories/repositories.js';
import { assemblePipeline } from './pipeline/pipeline-assembly.js';
import { createBrandingService } from './services/branding-service.js';
import { createFtp } from './ingest/ftp/ftp-assembly.js';
import { createFolderImport } from './ingest/folder-import.js';
import { createHotFolders } from './ingest/hot-folders.js';
import { createIngestService } from './ingest/ingest-service.js';
import { createAttendeeStreams } from './live/attendee-streams.js';
import { createLiveBus } from './live/live-bus.js';
import { createStageStats } from './monitor/stage-stats.js';
import { createSystemMonitor } from './monitor/system-monitor.js';
import { createEventThroughput, createThroughput } from './monitor/throughput.js';
import { createRekognition, type RekognitionOptions } from './faces/rekognition/rekognition.js';
import { createFileSecretStore, type SecretStore } from './security/secret-store.js';
import { engineOf, usesRekognition } from './pipeline/engine-choice.js';
import { createLoginThrottle } from './security/login-throttle.js';
import { createPasswordHasher } from './security/password-hasher.js';
import { createAccountsService } from './services/accounts-service.js';
import { createEventOverviewService } from './services/event-overview-service.js';
import { createEventPurgeService } from './services/event-purge-service.js';
import { createEventsService } from './services/events-service.js';
import { createGalleryService } from './services/gallery-service.js';
import { createPasswordResetService } from './services/password-reset-service.js';
import { createSelfieReviewService } from './services/selfie-review-service.js';
import { createPhotoReviewService } from './services/photo-review-service.js';
import { createSelfieService } from './services/selfie-service.js';
import { ACTIVE_PROFILE, ruleWith } from './faces/model-profile.js';
import { createAttendeeRemoval } from './services/attendee-removal.js';
import { createQueueService } from './services/queue-service.js';
import { createEventLiveService } from './services/event-live-service.js';
import { createProblemsService } from './services/problems-service.js';
import { createSettingsService } from './services/settings-service.js';
import { createWallService } from './services/wall-service.js';
import { createEventFiles } from './storage/event-files.js';
import { sweepPartialFiles } from './storage/sweep.js';
import { lanAddresses } from './util/lan-addresses.js';
import { createImagePool } from './workers/image-pool.js';

export interface CoreOptions {
  config: Config;
  logger: Logger;
  /** dist/renderer: the built attendee and dashboard apps. */
  rendererDir: string;
  version: string;
  /** Base delay of job retries (tests shorten it). */
  retryBackoffMs?: number;
  /** Where typed-in secrets are kept; default a 0600 file in the data folder. Electron passes one backed by safeStorage. */
  secretStore?: SecretStore;
  /** How long one attendee live stream stays open before the phone reconnects (tests shorten it). */
  streamMaxAgeMs?: number;
  /** Rekognition timings (tests shorten the outage waits). */
  rekognition?: Pick<RekognitionOptions, 'maxWaitMs' | 'backoff' | 'client'>;
}

export interface ListenOptions {
  /** Override the saved ports (0 = any free port; tests use it). */
  attendeePort?: number;
  adminPort?: number;
  ftpPort?: number;
}

export async function createFindMe(opts: CoreOptions) {
  const { config } = opts;
  const logger = opts.logger.child({}, { redact: REDACT });
  const db = openDatabase(join(config.dataDir, 'findme.db'));
  const repos = createRepositories(db);
  const settings = createSettingsService({ repo: repos.settings, defaults: defaultSettings(), fromEnv: config.settingsFromEnv });
  const files = createEventFiles(config.dataDir);
  const secrets =
    opts.secretStore ??
    createFileSecretStore(join(config.dataDir, 'secrets.json'), undefined, (err, name) => logger.warn({ err, name }, 'a stored secret could not be read'));
  const rekognition = createRekognition({
    db,
    settings: settings.get,
    secrets,
    ...opts.rekognition,
    onRetry: (operation, kind, message, waitMs) => logger.info({ operation, kind, waitMs, error: message }, 'rekognition call will be retried'),
    onCleanupError: (err, what) => logger.warn({ err }, `rekognition clean-up failed: ${what}`),
  });
  const engineFor = (eventId: string) => engineOf(settings.get(), eventId);
  const bus = createLiveBus();
  // Streams keep a quarter of the sockets free for ordinary requests.
  const attendeeStreams = createAttendeeStreams({ perAttendee: () => settings.get().streamsPerAttendee, total: () => MAX_CONNECTIONS * 0.75 });
  const hasher = createPasswordHasher(2);
  const pool = createImagePool(settings.get().workers);
  const monitor = createSystemMonitor(opts.version, config.dataDir);
  const stages = createStageStats();
  const thumbs = createThumbCache();
  const matchRule = () => ruleWith(ACTIVE_PROFILE, settings.get().matchThreshold);
  const throughput = createThroughput();
  const eventThroughput = createEventThroughput();
  let attendeeBaseUrls: string[] = [];

  const { photoStatus, selfieStatus, modelUpgrade, scheduler, selfieAcceptance } = assemblePipeline({
    db,
    repos,
    bus,
    files,
    pool,
    settings,
    rekognition,
    engineFor,
    matchRule,
    stages,
    passwordsWaiting: hasher.queueSize,
    onPhotoFinished: (photoId) => {
      throughput.record();
      const eventId = repos.photos.findById(photoId)?.eventId;
      if (eventId) eventThroughput.record(eventId);
    },
    onJobError: (err, job) => logger.warn({ err, jobId: job.id, kind: job.kind, refId: job.refId }, 'job attempt failed'),
    retryBackoffMs: opts.retryBackoffMs,
  });
  settings.onChange((next, previous) => {
    if (next.workers !== previous.workers) {
      pool.resize(next.workers);
      scheduler.notify();
    }
    if (
      next.ftpPort !== previous.ftpPort ||
      next.ftpPassivePortMin !== previous.ftpPassivePortMin ||
      next.ftpPassivePortMax !== previous.ftpPassivePortMax ||
      next.ftpTls !== previous.ftpTls
    ) {
      void ftp.restart();
    }
    if (
      next.rekognitionConcurrency !== previous.rekognitionConcurrency ||
      next.rekognitionTps !== previous.rekognitionTps ||
      next.faceEngine !== previous.faceEngine ||
      next.eventFaceEngines !== previous.eventFaceEngines
    ) {
      rekognition.limiter.poke();
      scheduler.notify();
    }
  });

  const events = createEventsService({ events: repos.events });
  const branding = createBrandingService({ repo: repos.branding, events, files });
  const loginThrottle = createLoginThrottle();
  const accounts = createAccountsService({
    attendees: repos.attendees,
    sessions: repos.sessions,
    events: repos.events,
    eventsService: events,
    hasher,
    throttle: loginThrottle,
    bcryptRounds: () => settings.get().bcryptRounds,
    onError: (err, context) => logger.error({ err, context }, 'account background task failed'),
  });
  // The Problems list: refused files kept, with the event's failed jobs.
  const problems = createProblemsService({
    refused: repos.refusedFiles,
    jobs: repos.jobs,
    bus,
    onError: (err) => logger.warn({ err }, 'a refused file could not be kept for the Problems list'),
  });
  const eventLive = createEventLiveService({ photos: repos.photos, matches: repos.matches, throughput: eventThroughput });
  const ingest = createIngestService({
    db,
    photos: repos.photos,
    events: repos.events,
    jobs: repos.jobs,
    files,
    photoStatus,
    onQueued: scheduler.notify,
    onRefused: problems.recordRefused,
  });
  const folderImport = createFolderImport({
    ingest: ingest.ingest,
    dataDir: config.dataDir,
    onSkipped: (path, err) => logger.warn({ path, err }, 'a file of a folder was not taken'),
    onRefused: problems.recordRefused,
  });
  const hotFolders = createHotFolders({
    ingestFile: folderImport.ingestFile,
    onError: (err, context) => logger.warn({ err, ...context }, 'hot folder: a file could not be taken'),
  });
  let ftpPortOverride: number | undefined;
  const ftp = createFtp({
    dataDir: config.dataDir,
    listenHost: config.attendeeHost,
    repo: repos.ftpAccounts,
    events: repos.events,
    settings: settings.get,
    ingest: ingest.ingest,
    files,
    portOverride: () => ftpPortOverride,
    onError: (err, context) => logger.warn({ err, ...context }, 'ftp receiver'),
    onRefused: problems.recordRefused,
  });
  const selfies = createSelfieService({
    db,
    selfies: repos.selfies,
    jobs: repos.jobs,
    files,
    selfieStatus,
    onQueued: scheduler.notify,
    budget: () => ({ max: settings.get().selfieBudget, windowMs: settings.get().selfieBudgetWindowMinutes * 60_000 }),
  });
  // One face, one account: the operator's decisions on held selfies, with what the selfie job is given.
  const selfieReview = createSelfieReviewService({
    selfies: repos.selfies,
    attendees: repos.attendees,
    files,
    acceptance: selfieAcceptance,
  });
  const galleryService = createGalleryService({
    db,
    attendees: repos.attendees,
    photos: repos.photos,
    selfies: repos.selfies,
    matches: repos.matches,
    events: repos.events,
    files,
    wall: repos.wall,
  });
  const wall = createWallService({ repo: repos.wall, events: repos.events, files });
  // A deleted account's faces and user leave Rekognition too.
  const gallery = { ...galleryService, deleteAccount: rekognition.forgettingAttendees(galleryService.deleteAccount) };
  const overview = createEventOverviewService({ photos: repos.photos, attendees: repos.attendees, selfies: repos.selfies, matches: repos.matches, files });
  // The operator's photo page: faces given or taken away, photos deleted (from Rekognition's collection too).
  const photoReview = createPhotoReviewService({
    db,
    photos: repos.photos,
    matches: repos.matches,
    jobs: repos.jobs,
    attendees: repos.attendees,
    files,
    bus,
    remoteFaces: {
      ids: rekognition.repo.photoFaceIds,
      forget: (eventId, faceIds) =>
        rekognition.engine
          .deleteFaces(eventId, faceIds, rekognition.context())
          .catch((err: unknown) => logger.warn({ err, eventId }, 'rekognition: faces of a deleted photo not removed')),
    },
  });
  const purge = createEventPurgeService({
    db,
    eventsRepo: repos.events,
    events,
    files,
    hotFolders,
    log: (msg, data) => logger.warn(data, msg),
    onPurged: (eventId) => {
      attendeeStreams.closeWhere((owner) => owner.eventId === eventId);
      ftp.forgetEvent(eventId);
      eventThroughput.forget(eventId);
      return rekognition.deleteEventCollection(eventId);
    },
  });
  const runRetention = () => purge.purgeExpired(settings.get().retentionDays).catch((err: unknown) => logger.error({ err }, 'retention purge failed'));
  repos.sessions.removeExpired(Date.now());

  const queue = createQueueService({
    jobs: repos.jobs,
    scheduler,
    pool,
    throughput,
    photoStatus,
    selfieStatus,
    caches: () => ({ eventCode: events.cache.stats(), thumbnails: thumbs.stats() }),
  });
  const removeAttendee = createAttendeeRemoval({
    attendees: repos.attendees,
    deleteAccount: gallery.deleteAccount,
    closeStreams: (attendeeId) => attendeeStreams.closeWhere((owner) => owner.attendeeId === attendeeId, 'removed'),
  });

  // A forgotten password: the operator's one-time code, the phone's new password.
  const passwordReset = createPasswordResetService({
    db,
    codes: repos.resetCodes,
    attendees: repos.attendees,
    sessions: repos.sessions,
    hasher,
    bcryptRounds: () => settings.get().bcryptRounds,
    throttle: loginThrottle,
    closeStreams: (attendeeId) => attendeeStreams.closeWhere((owner) => owner.attendeeId === attendeeId),
  });

  const attendeeApp = await buildAttendeeApp({
    logger: logger.child({ listener: 'attendee' }),
    accounts,
    events,
    selfies,
    gallery,
    bus,
    thumbs,
    rendererDir: opts.rendererDir,
    rateLimits: config.rateLimits,
    streams: attendeeStreams,
    streamMaxAgeMs: opts.streamMaxAgeMs,
    passwordsWaiting: hasher.queueSize,
    connectionsPerAddress: () => settings.get().connectionsPerAddress,
    meDetails: gallery.meDetails,
    wall,
    branding,
    eventBranding: branding.lookOf,
    passwordReset,
  });
  const adminApp = await buildAdminApp({
    logger: logger.child({ listener: 'admin' }),
    adminToken: config.adminToken,
    events,
    settings,
    monitor,
    rendererDir: opts.rendererDir,
    queue,
    attendeeDocs: () => attendeeApp.swagger(),
    dataDir: config.dataDir,
    ingest,
    folderImport,
    hotFolders,
    overview,
    photoReview,
    bus,
    problems,
    eventLive,
    removeAttendee,
    purge,
    selfieReview,
    ftp,
    wall,
    attendeeBaseUrls: () => attendeeBaseUrls,
    engineStatus: () =>
      usesRekognition(settings.get())
        ? rekognition.status()
        : { name: 'local', state: 'ok' as const, lastError: null, model: ACTIVE_PROFILE.id, redescribing: modelUpgrade.pending() },
    secrets,
    branding,
    passwordReset,
  });

  let closed = false;
  let retentionTimer: NodeJS.Timeout | undefined;
  return {
    config,
    db,
    repos,
    settings,
    events,
    accounts,
    ingest,
    hotFolders,
    scheduler,
    pool,
    hasher,
    monitor,
    stages,
    bus,
    purge,
    rekognition,
    attendeeApp,
    adminApp,
    queue,
    ftp,

    /** Starts the job scheduler and the hot folders, then both listeners. */
    async listen(listenOpts: ListenOptions = {}) {
      const swept = await sweepPartialFiles(config.dataDir);
      if (swept) logger.info({ swept }, 'removed files left half-written by an earlier crash');
      await runRetention();
      retentionTimer = setInterval(runRetention, 3600_000);
      retentionTimer.unref();
      const again = modelUpgrade.queueStale();
      if (again.photos || again.selfies)
        logger.info({ ...again, model: ACTIVE_PROFILE.id }, 'the face model changed: photos and selfies will be described again');
      scheduler.start();
      void rekognition.deleteOrphanCollections();
      for (const { id, hotFolder } of repos.events.withHotFolder()) {
        await hotFolders.watch(id, hotFolder).catch((err: unknown) => logger.warn({ err, eventId: id, hotFolder }, 'hot folder could not be watched'));
      }
      ftpPortOverride = listenOpts.ftpPort;
      await ftp.start();
      const s = settings.get();
      const attendeeAddress = await attendeeApp.listen({ host: config.attendeeHost, port: listenOpts.attendeePort ?? s.attendeePort });
      const adminAddress = await adminApp.listen({ host: config.adminHost, port: listenOpts.adminPort ?? s.adminPort });
      const attendeePort = Number(new URL(attendeeAddress).port);
      const adminPort = Number(new URL(adminAddress).port);
      const hosts = config.attendeeHost === '0.0.0.0' ? lanAddresses() : [config.attendeeHost];
      attendeeBaseUrls = (hosts.length ? hosts : ['127.0.0.1']).map((h) => `http://${h}:${attendeePort}/`);
      return {
        attendeePort,
        adminPort,
        attendeeUrls: attendeeBaseUrls,
        localAttendeeUrl: `http://127.0.0.1:${attendeePort}/`,
        adminUrl: `http://127.0.0.1:${adminPort}/`,
        dashboardUrl: `http://127.0.0.1:${adminPort}/#token=${encodeURIComponent(config.adminToken)}`,
      };
    },

    /**
     * Stops taking requests and files, lets in-flight requests and running jobs finish (up to
     * `jobTimeoutMs`; what is cut off stays queued for the next start), then closes the database.
     */
    async close(jobTimeoutMs = 10_000) {
      if (closed) return;
      closed = true;
      clearInterval(retentionTimer);
      await Promise.allSettled([attendeeApp.close(), adminApp.close(), ftp.close()]);
      await hotFolders.closeAll();
      rekognition.stop();
      await scheduler.stop(jobTimeoutMs);
      await Promise.allSettled([pool.close(), hasher.close()]);
      rekognition.close();
      monitor.close();
      db.close();
    },
  };
}
export type FindMe = Awaited<ReturnType<typeof createFindMe>>;
