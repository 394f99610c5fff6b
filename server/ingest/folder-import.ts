// Files of a folder given by the operator, into an event: one file (the hot folder's), or a
// whole folder (an import). A file is taken only if it is a regular file really under the
// folder and outside the data folder (folders.ts); what is not taken is counted and said why.
import { basename } from 'node:path';
import pLimit from 'p-limit';
import { AppError } from '../util/app-error.js';
import { checkFolder, listImageFiles, openFolderFile } from './folders.js';
import type { RefusalSource } from '../contract/problems.js';
import type { Refusal } from '../services/problems-service.js';
import type { IngestService } from './ingest-service.js';

export interface ImportCounts {
  queued: number;
  duplicates: number;
  failed: number;
  skipped: number;
}

export interface FolderImportDeps {
  ingest: IngestService['ingest'];
  /** FindMe's data folder: nothing in it is ever taken. */
  dataDir: string;
  /** A file that was not taken, and why. */
  onSkipped?: (path: string, why: unknown) => void;
  /** A file not taken: kept for the Problems list. */
  onRefused?: (refusal: Refusal) => void;
}

/** A file of the folder that is not to be taken (a link out, a device, too large…). */
export class NotTakenError extends Error {}

export function createFolderImport(deps: FolderImportDeps) {
  /** One file of `folder`; throws NotTakenError when it is not to be taken. */
  async function ingestFile(eventId: string, folder: string, path: string, source: Extract<RefusalSource, 'import' | 'hot_folder'> = 'import') {
    const file = await openFolderFile(path, folder, deps.dataDir);
    if (!file.ok) {
      const reason = file.reason.startsWith('larger than') ? 'file_too_large' : 'not_taken';
      if (file.reason !== 'the file is gone') deps.onRefused?.({ eventId, name: basename(path), source, reason, detail: `not taken: ${file.reason}` });
      throw new NotTakenError(`not taken: ${file.reason}`);
    }
    return deps.ingest(eventId, file.stream, basename(path), { truncated: file.truncated, source });
  }

  return {
    ingestFile,
    /** Every JPEG, PNG and WebP under the folder (checked first), two at a time. */
    async importFolder(eventId: string, folderAsGiven: string): Promise<ImportCounts> {
      const folder = await checkFolder(folderAsGiven, deps.dataDir);
      const files = await listImageFiles(folder);
      const limit = pLimit(2);
      const counts: ImportCounts = { queued: 0, duplicates: 0, failed: 0, skipped: 0 };
      await Promise.all(
        files.map((path) =>
          limit(async () => {
            try {
              const outcome = await ingestFile(eventId, folder, path);
              counts[outcome.outcome === 'duplicate' ? 'duplicates' : outcome.outcome]++;
            } catch (err) {
              const clientSide = err instanceof NotTakenError || (err instanceof AppError && err.statusCode < 500);
              if (!clientSide) throw err;
              deps.onSkipped?.(path, err);
              counts.skipped++;
            }
          }),
        ),
      );
      return counts;
    },
  };
}
export type FolderImport = ReturnType<typeof createFolderImport>;
