// What happens to a file a camera sends: received into the event's incoming/ folder, checked
// (an image FindMe takes, and whole), then handed to the same ingest as every other way in. The
// temporary file is always removed; the camera hears in one line what became of its file.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { AppError } from '../../util/app-error.js';
import { isCompleteImage } from '../../images/complete-image.js';
import { probeImage } from '../../images/image-probe.js';
import type { FtpFileProblem } from '../../contract/ftp.js';
import type { Refusal } from '../../services/problems-service.js';
import type { IngestService } from '../ingest-service.js';
import type { FtpAccount, StoreReply } from './ftp-session.js';
import { receiveFile } from './receive-file.js';

/** What a STOR came to, for the dashboard's per-camera figures (and, when not taken, why). */
export type UploadResult = StoreReply & { kind: 'photo' | 'duplicate' | 'refused' | 'lost'; reason?: FtpFileProblem };

export interface TakeUploadDeps {
  ingest: IngestService['ingest'];
  incomingDir: (eventId: string) => string;
  maxBytes: number;
  /** A data connection silent this long is given up. */
  idleMs: number;
  /** A file refused for what it holds (empty, not an image): kept for the Problems list. */
  onRefused?: (refusal: Refusal) => void;
}

// Camera files FindMe never takes: refused before a byte is sent (set the camera to send JPEG).
const NOT_PHOTOS = /\.(cr2|cr3|crw|nef|nrw|arw|srf|sr2|raf|orf|rw2|pef|dng|x3f|3fr|iiq|heic|heif|hif|mov|mp4|avi|mts|m2ts|wav|xml|xmp)$/i;

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

/** A refusal's reason as the camera's row words it. */
const asFileProblem = (r: Refusal['reason']): FtpFileProblem =>
  r === 'empty_file' || r === 'unsupported_format' || r === 'image_too_large' ? r : 'unreadable_image';

export function refuseByName(name: string): StoreReply | null {
  return NOT_PHOTOS.test(name) ? { code: 553, text: `${name} not taken: FindMe takes JPEG photos; set the camera to send JPEG only.` } : null;
}

export function createUploadTaker(deps: TakeUploadDeps) {
  return async function take(account: FtpAccount, name: string, data: Socket, signal: AbortSignal): Promise<UploadResult> {
    const dir = deps.incomingDir(account.eventId);
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `${randomUUID()}.ftp.partial`);
    try {
      const received = await receiveFile(data, tmp, { maxBytes: deps.maxBytes, idleMs: deps.idleMs, signal });
      if (!received.ok) {
        const text =
          received.why === 'too_large'
            ? `${name} not taken: larger than ${Math.round(deps.maxBytes / 1024 / 1024)} MB.`
            : received.why === 'aborted'
              ? `${name}: transfer aborted; nothing was kept.`
              : `${name}: the transfer was cut off; nothing was kept. Send it again.`;
        const reason = received.why === 'too_large' ? 'too_large' : received.why === 'aborted' ? 'aborted' : 'cut_off';
        return { code: received.why === 'too_large' ? 552 : 426, text, kind: 'lost', reason };
      }
      const refuse = (reason: Refusal['reason'], detail: string): UploadResult => {
        deps.onRefused?.({ eventId: account.eventId, name, source: 'ftp', reason, detail });
        return { code: 553, text: `${name} not taken: ${detail}`, kind: 'refused', reason: asFileProblem(reason) };
      };
      if (received.bytes === 0) return refuse('empty_file', 'the file is empty.');
      const probe = await probeImage(tmp);
      if (!probe.ok) return refuse(probe.problem ?? 'unreadable_image', probe.message ?? 'not a readable image.');
      if (!(await isCompleteImage(tmp, probe.format!))) {
        return { code: 426, text: `${name} arrived incomplete; nothing was kept. Send it again.`, kind: 'lost', reason: 'incomplete' };
      }
      const outcome = await deps.ingest(account.eventId, createReadStream(tmp), name, { source: 'ftp' });
      if (outcome.outcome === 'duplicate') return { code: 226, text: `${name} was already received.`, bytes: received.bytes, kind: 'duplicate' };
      if (outcome.outcome === 'failed') return { code: 553, text: `${name} not taken: ${outcome.error}`, kind: 'refused', reason: 'unreadable_image' };
      return { code: 226, text: `Received ${name}.`, bytes: received.bytes, kind: 'photo' };
    } catch (err) {
      if (DISK_FULL.has((err as NodeJS.ErrnoException).code ?? '')) {
        return { code: 452, text: "The laptop's disk is full; nothing was kept.", kind: 'lost', reason: 'disk_full' };
      }
      if (err instanceof AppError && err.code === 'event_not_found')
        return { code: 550, text: 'This event no longer exists.', kind: 'lost', reason: 'event_gone' };
      throw err;
    } finally {
      await rm(tmp, { force: true });
    }
  };
}
