// The Rekognition engine put together from the settings: SDK client, limiter, health, the
// event collections and the engine itself, plus the clean-ups the rest of FindMe asks for
// (an event purged, an attendee deleted). Nothing here runs until an event uses Rekognition.
import type { Settings } from '../../contract/settings.js';
import type { Db } from '../../db/database.js';
import { createCaller, createEngineHealth, type CallContext } from './caller.js';
import { createClientFactory, type ClientOptions } from './client.js';
import { createCollections } from './collections.js';
import type { ErrorKind } from './errors.js';
import { createLimiter } from './limiter.js';
import { createRekognitionEngine } from './rekognition-engine.js';
import { createRekognitionRepo } from '../../db/repositories/rekognition-repo.js';
import { REKOGNITION_SECRET, type SecretStore } from '../../security/secret-store.js';

export interface RekognitionOptions {
  db: Db;
  settings: () => Settings;
  secrets: SecretStore;
  /** How long a job waits out an outage before handing back to the scheduler (under its lease). */
  maxWaitMs?: number;
  backoff?: { baseMs?: number; maxMs?: number };
  client?: ClientOptions;
  onRetry?: (operation: string, kind: ErrorKind, message: string, waitMs: number) => void;
  onCleanupError?: (err: unknown, what: string) => void;
}

export function createRekognition(opts: RekognitionOptions) {
  const maxWaitMs = opts.maxWaitMs ?? 4 * 60_000;
  const repo = createRekognitionRepo(opts.db);
  const limiter = createLimiter({ cap: () => opts.settings().rekognitionConcurrency, tps: () => opts.settings().rekognitionTps });
  const health = createEngineHealth();
  const clients = createClientFactory(() => {
    const s = opts.settings();
    return {
      region: s.rekognitionRegion,
      endpoint: s.rekognitionEndpoint,
      accessKeyId: s.rekognitionAccessKeyId,
      secretAccessKey: opts.secrets.get(REKOGNITION_SECRET),
    };
  }, opts.client);
  const call = createCaller({
    client: clients.get,
    limiter,
    health,
    baseBackoffMs: opts.backoff?.baseMs,
    maxBackoffMs: opts.backoff?.maxMs,
    onRetry: opts.onRetry,
  });
  const collections = createCollections({ call, repo });
  const engine = createRekognitionEngine({ call, collections, threshold: () => opts.settings().rekognitionFaceMatchThreshold });
  let stopping = false;
  const cancelled = () => stopping;
  const context = (abandoned?: () => boolean, waitMs = maxWaitMs): CallContext => ({ deadline: Date.now() + waitMs, abandoned, cancelled });
  const report = (what: string) => (err: unknown) => opts.onCleanupError?.(err, what);

  return {
    engine,
    repo,
    limiter,
    /** A job's call context: waits out outages up to maxWaitMs, gives up when `abandoned()`. */
    context,
    status: () => ({ name: 'rekognition', ...health.status(), inFlight: limiter.inFlight(), cap: limiter.cap() }),
    /** For the event purge: deletes the event's collection if one was made (errors are reported, not thrown). */
    async deleteEventCollection(eventId: string): Promise<void> {
      await engine.deleteEventCollection(eventId, context()).catch(report(`delete the collection of event ${eventId}`));
    },
    /** Collections of events purged while AWS could not be reached. */
    async deleteOrphanCollections(): Promise<void> {
      for (const eventId of repo.orphanCollections())
        await engine.deleteEventCollection(eventId, context()).catch(report(`delete the collection of event ${eventId}`));
    },
    /** Wraps an account deletion so that the attendee's faces and user leave Rekognition too. */
    forgettingAttendees<A extends { id: string; eventId: string }>(deleteAccount: (attendee: A) => Promise<void>) {
      return async (attendee: A) => {
        const faceIds = repo.selfieFaceIds(attendee.id);
        await deleteAccount(attendee);
        if (faceIds.length === 0) return;
        void engine.forgetAttendee(context(), attendee.eventId, attendee.id, faceIds).catch(report(`remove attendee ${attendee.id} from Rekognition`));
      };
    },
    /** Shutting down: calls that fail are no longer waited out (their jobs stay for the next start). */
    stop() {
      stopping = true;
    },
    close() {
      stopping = true;
      clients.close();
    },
  };
}
export type Rekognition = ReturnType<typeof createRekognition>;
