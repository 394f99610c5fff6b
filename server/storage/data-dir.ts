// The data folder must exist and be writable before anything starts: a clear message to the
// operator instead of a crash later (a read-only disk, a folder owned by someone else).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config.js';

export function ensureWritableDataDir(dir: string): void {
  const probe = join(dir, `.write-test-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, 'ok');
    rmSync(probe, { force: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    const why = code === 'ENOSPC' ? 'its disk is full' : code === 'EROFS' ? 'its disk is read-only' : `it cannot be written (${code})`;
    throw new ConfigError(`the data folder ${dir} is not usable: ${why}. Free some space, fix its permissions, or choose another folder with FINDME_DATA_DIR.`);
  }
}
