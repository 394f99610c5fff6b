// Wires FindMe together: database, repositories, services, worker pools and both listeners.
// Used by the headless CLI, by Electron's main process and by the tests.
import { join } from 'node:path';
import type { Logger } from 'pino';
import { buildAdminApp } from './app/admin-app.js';
import { buildAttendeeApp } from './app/attendee-app.js';
import { defaultSettings, type Config } from './config.js';
import { openDatabase } from './db/database.js';
import { createAttendeesRepo } from './db/repositories/attendees-repo.js';
import { createEventsRepo } from './db/repositories/events-repo.js';
import { createSessionsRepo } from './db/repositories/sessions-repo.js';
import { createSettingsRepo } from './db/repositories/settings-repo.js';
import { createSystemMonitor } from './monitor/system-monitor.js';
import { createPasswordHasher } from './security/password-hasher.js';
import { createAccountsService } from './services/accounts-service.js';
import { createEventsService } from './services/events-service.js';
import { createSettingsService } from './services/settings-service.js';
import { lanAddresses } from './util/lan-addresses.js';

export interface CoreOptions {
  config: Config;
  logger: Logger;
  /** dist/renderer: the built attendee and dashboard apps. */
  rendererDir: string;
  version: string;
}

export interface ListenOptions {
  /** Override the saved ports (0 = any free port; tests use it). */
  attendeePort?: number;
  adminPort?: number;
}

export async function createFindMe(opts: CoreOptions) {
  const { config, logger } = opts;
  const db = openDatabase(join(config.dataDir, 'findme.db'));
  const repos = {
    events: createEventsRepo(db),
    attendees: createAttendeesRepo(db),
    sessions: createSessionsRepo(db),
    settings: createSettingsRepo(db),
  };
  const settings = createSettingsService({ repo: repos.settings, defaults: defaultSettings(), fromEnv: config.settingsFromEnv });
  const hasher = createPasswordHasher(2);
  const monitor = createSystemMonitor(opts.version);
  const events = createEventsService({ events: repos.events });
  const accounts = createAccountsService({
    attendees: repos.attendees, sessions: repos.sessions, events: repos.events, eventsService: events, hasher,
    bcryptRounds: () => settings.get().bcryptRounds,
    onError: (err, context) => logger.error({ err, context }, 'account background task failed'),
  });
  repos.sessions.removeExpired(Date.now());

  const attendeeApp = await buildAttendeeApp({
    logger: logger.child({ listener: 'attendee' }),
    accounts, events, rendererDir: opts.rendererDir, rateLimits: config.rateLimits,
    meDetails: () => ({ selfies: [], photoCount: 0 }),
  });
  const adminApp = await buildAdminApp({
    logger: logger.child({ listener: 'admin' }),
    adminToken: config.adminToken, events, settings, monitor, rendererDir: opts.rendererDir,
    attendeeDocs: () => attendeeApp.swagger(),
    queueStats: () => ({
      queue: { queued: 0, running: 0, done: 0, failed: 0, totalEnqueued: 0, totalProcessed: 0, workersActive: 0, workers: settings.get().workers },
      cache: { eventCode: events.cache.stats() },
    }),
  });

  let closed = false;
  return {
    config, db, repos, settings, events, accounts, hasher, monitor, attendeeApp, adminApp,

    async listen(listenOpts: ListenOptions = {}) {
      const s = settings.get();
      const attendeeAddress = await attendeeApp.listen({ host: config.attendeeHost, port: listenOpts.attendeePort ?? s.attendeePort });
      const adminAddress = await adminApp.listen({ host: config.adminHost, port: listenOpts.adminPort ?? s.adminPort });
      const attendeePort = Number(new URL(attendeeAddress).port);
      const adminPort = Number(new URL(adminAddress).port);
      const hosts = config.attendeeHost === '0.0.0.0' ? lanAddresses() : [config.attendeeHost];
      return {
        attendeePort,
        adminPort,
        attendeeUrls: (hosts.length ? hosts : ['127.0.0.1']).map((h) => `http://${h}:${attendeePort}/`),
        localAttendeeUrl: `http://127.0.0.1:${attendeePort}/`,
        adminUrl: `http://127.0.0.1:${adminPort}/`,
        dashboardUrl: `http://127.0.0.1:${adminPort}/#token=${encodeURIComponent(config.adminToken)}`,
      };
    },

    /** Stops taking requests, lets in-flight ones finish, then releases pools and the database. */
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([attendeeApp.close(), adminApp.close()]);
      await hasher.close();
      monitor.close();
      db.close();
    },
  };
}
export type FindMe = Awaited<ReturnType<typeof createFindMe>>;
