// FTP for an event: its account (a user and a short password made to be typed on a camera), the
// on/off switch, and the receiver's life: it listens while at least one event has FTP on, and
// restarts when its port, passive range or FTPS setting changes.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { AppError } from '../util/app-error.js';
import type { FtpAccess } from '../contract/ftp.js';
import type { Settings } from '../contract/settings.js';
import type { EventsRepo } from '../db/repositories/events-repo.js';
import type { FtpAccountsRepo } from '../db/repositories/ftp-accounts-repo.js';
import type { FtpReceiver } from '../ingest/ftp/ftp-receiver.js';
import type { FtpAccount } from '../ingest/ftp/ftp-session.js';

export interface FtpTls {
  /** Makes (or loads) the certificate; resolves with its SHA-256 fingerprint. */
  prepare(): Promise<string>;
  fingerprint(): string | null;
}

export interface FtpServiceDeps {
  repo: FtpAccountsRepo;
  events: Pick<EventsRepo, 'findById'>;
  receiver: FtpReceiver;
  settings: () => Settings;
  /** The address the receiver listens on (the attendee listener's). */
  listenHost: string;
  /** The laptop's address cameras are told to use. */
  publicHost: () => string;
  tls: FtpTls;
  /** Overrides the saved port (0 = any free port; tests use it). */
  portOverride?: () => number | undefined;
  now?: () => number;
}

// No 0/o, 1/l/i: typed on a camera's on-screen keyboard, read off a printed card.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const makePassword = () => Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
const digest = (text: string) => createHash('sha256').update(text).digest();

export function createFtpService(deps: FtpServiceDeps) {
  const now = deps.now ?? Date.now;
  let problem: { code: NonNullable<FtpAccess['problemCode']>; text: string } | null = null;

  const accountOf = (eventId: string) => {
    const event = deps.events.findById(eventId);
    if (!event) throw new AppError(404, 'event_not_found', 'No such event.');
    return { event, row: deps.repo.ensure(eventId, `findme-${event.code.toLowerCase()}`, makePassword(), now()) };
  };

  async function start(): Promise<void> {
    const s = deps.settings();
    try {
      if (s.ftpTls) await deps.tls.prepare();
      await deps.receiver.start(deps.listenHost, deps.portOverride?.() ?? s.ftpPort);
      problem = null;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problem =
        code === 'EADDRINUSE'
          ? { code: 'port_in_use', text: `Port ${s.ftpPort} is used by another program: choose another FTP port in Settings.` }
          : code === 'EACCES'
            ? { code: 'port_needs_admin', text: `Port ${s.ftpPort} needs administrator rights: choose a port above 1023 in Settings.` }
            : { code: 'start_failed', text: `The FTP receiver could not start: ${(err as Error).message}` };
      throw new AppError(409, 'ftp_unavailable', problem.text);
    }
  }

  /** Listens when an event has FTP on, stops when none has. */
  async function reconcile(): Promise<void> {
    if (!deps.repo.anyEnabled()) {
      problem = null;
      await deps.receiver.stop();
    } else if (deps.receiver.port() === null) {
      await start();
    }
  }

  return {
    access(eventId: string): FtpAccess {
      const { row } = accountOf(eventId);
      const s = deps.settings();
      const port = deps.receiver.port();
      return {
        enabled: row.enabled,
        host: deps.publicHost(),
        port: port ?? s.ftpPort,
        username: row.username,
        password: row.password,
        passivePorts: `${s.ftpPassivePortMin}-${Math.max(s.ftpPassivePortMin, s.ftpPassivePortMax)}`,
        ftps: s.ftpTls,
        tlsFingerprint: s.ftpTls ? deps.tls.fingerprint() : null,
        listening: port !== null,
        problem: row.enabled ? (problem?.text ?? null) : null,
        problemCode: row.enabled ? (problem?.code ?? null) : null,
        cameras: deps.receiver.cameras(eventId),
      };
    },

    async setEnabled(eventId: string, enabled: boolean): Promise<FtpAccess> {
      accountOf(eventId);
      deps.repo.setEnabled(eventId, enabled);
      if (!enabled) deps.receiver.disconnect(eventId);
      try {
        await reconcile();
      } catch (err) {
        deps.repo.setEnabled(eventId, false); // a switch that cannot work stays off
        await reconcile().catch(() => {});
        throw err;
      }
      return this.access(eventId);
    },

    /** The account these credentials open, if its event has FTP on. */
    authenticate(username: string, password: string): FtpAccount | null {
      const row = deps.repo.findByUsername(username.trim().toLowerCase());
      // compared in constant time, and a wrong user costs as much as a wrong password
      const same = timingSafeEqual(digest(row?.password ?? 'no such user'), digest(password));
      if (!row || !same || !row.enabled) return null;
      const event = deps.events.findById(row.eventId);
      return event ? { eventId: event.id, eventName: event.name, username: row.username } : null;
    },

    /** At start: listen if an event has FTP on (a port in use is shown on the dashboard, not fatal). */
    async start() {
      await reconcile().catch(() => {});
    },

    /** After a change of settings: a new port, passive range or FTPS applies at once. */
    async restart() {
      await deps.receiver.stop();
      await reconcile().catch(() => {});
    },

    forgetEvent: (eventId: string) => deps.receiver.forget(eventId),
    close: () => deps.receiver.stop(),
  };
}
export type FtpService = ReturnType<typeof createFtpService>;
