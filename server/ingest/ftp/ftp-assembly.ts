// The FTP receiver put together: its certificate, the listener and its sessions, what a received
// file goes through, and the service that owns the accounts and the switch. core.ts only calls this.
import { join } from 'node:path';
import type { Settings } from '../../contract/settings.js';
import type { FtpAccountsRepo } from '../../db/repositories/ftp-accounts-repo.js';
import type { EventsRepo } from '../../db/repositories/events-repo.js';
import { createFtpService } from '../../services/ftp-service.js';
import type { EventFiles } from '../../storage/event-files.js';
import { lanAddresses } from '../../util/lan-addresses.js';
import { MAX_PHOTO_BYTES } from '../folders.js';
import type { IngestService } from '../ingest-service.js';
import { createFtpCertificate } from './ftp-certificate.js';
import { createFtpReceiver } from './ftp-receiver.js';
import { createUploadTaker, type TakeUploadDeps } from './take-upload.js';

export interface FtpAssemblyDeps {
  dataDir: string;
  /** The address the receiver listens on (the attendee listener's): 0.0.0.0 means every interface. */
  listenHost: string;
  repo: FtpAccountsRepo;
  events: Pick<EventsRepo, 'findById'>;
  settings: () => Settings;
  ingest: IngestService['ingest'];
  files: EventFiles;
  /** Overrides the saved port (0 = any free port; tests use it). */
  portOverride: () => number | undefined;
  onError: (err: unknown, context: Record<string, unknown>) => void;
  /** A file refused for what it holds: kept for the Problems list. */
  onRefused?: TakeUploadDeps['onRefused'];
}

/** A silent data connection is given up after this long (a camera that lost the Wi-Fi). */
const DATA_IDLE_MS = 60_000;

export function createFtp(deps: FtpAssemblyDeps) {
  const publicHost = () => (deps.listenHost === '0.0.0.0' ? (lanAddresses()[0] ?? '127.0.0.1') : deps.listenHost);
  const certificate = createFtpCertificate(join(deps.dataDir, 'ftp-tls.json'), lanAddresses);
  const receiver = createFtpReceiver({
    authenticate: (user, password) => service.authenticate(user, password),
    take: createUploadTaker({
      ingest: deps.ingest,
      incomingDir: deps.files.incomingDir,
      maxBytes: MAX_PHOTO_BYTES,
      idleMs: DATA_IDLE_MS,
      onRefused: deps.onRefused,
    }),
    passiveRange: () => {
      const s = deps.settings();
      return { min: s.ftpPassivePortMin, max: Math.max(s.ftpPassivePortMin, s.ftpPassivePortMax) };
    },
    tls: () => (deps.settings().ftpTls ? certificate.context() : null),
    onError: deps.onError,
  });
  const service = createFtpService({
    repo: deps.repo,
    events: deps.events,
    receiver,
    settings: deps.settings,
    listenHost: deps.listenHost,
    publicHost,
    tls: certificate,
    portOverride: deps.portOverride,
  });
  return service;
}
