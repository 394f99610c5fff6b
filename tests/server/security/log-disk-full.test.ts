// Logging never takes the server down: with the disk full, the log file's writes fail and are
// dropped (counted), the logger neither throws nor blocks, the process lives on, and logging
// resumes once space returns. On a small tmpfs; skipped, saying why, where it cannot be mounted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/logger.js';

const mountPoint = mkdtempSync(join(tmpdir(), 'findme-logfull-'));
let skipReason: string | null = null;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint], { stdio: 'pipe' });
} catch (err) {
  skipReason = (err as Error).message.split('\n')[0] ?? 'mount failed';
}
afterAll(() => {
  try {
    execFileSync('umount', ['-l', mountPoint], { stdio: 'pipe' });
  } catch {
    /* not mounted */
  }
  rmSync(mountPoint, { recursive: true, force: true });
});

const logText = (dir: string) =>
  readdirSync(dir)
    .filter((n) => n.endsWith('.log'))
    .map((n) => readFileSync(join(dir, n), 'utf8'))
    .join('');

describe.skipIf(skipReason !== null)(`the log file on a full disk (${skipReason ?? 'tmpfs of 4 MB'})`, () => {
  it('drops what it cannot write, never throws nor blocks, and resumes when space returns', async () => {
    const dataDir = join(mountPoint, 'data');
    const logger = createLogger({ dataDir, level: 'info', consoleLevel: 'silent' });
    logger.info('before the disk fills');
    await expect.poll(() => logText(join(dataDir, 'logs'))).toContain('before the disk fills');

    const filler = join(mountPoint, 'filler.bin');
    const free = statfsSync(mountPoint).bavail * statfsSync(mountPoint).bsize;
    writeFileSync(filler, Buffer.alloc(free)); // not a byte left
    const line = 'x'.repeat(1000);
    for (let i = 0; i < 5000; i++) logger.info({ i, line }, 'while the disk is full'); // 5 MB: more than the disk
    // Let the writes fail (they are asynchronous); the process is still here, the logger still works.
    await new Promise((r) => setTimeout(r, 500));
    logger.error(new Error('an error to log'), 'still logging');

    rmSync(filler);
    logger.info('space is back');
    await expect.poll(() => logText(join(dataDir, 'logs')), { timeout: 20_000 }).toContain('space is back');
    logger.flush();
  });
});
