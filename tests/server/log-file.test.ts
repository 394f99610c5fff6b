// The log file rotates by day and by size and keeps the newest files.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createSafeLogDestination } from '../../server/log-file.js';

const dir = mkdtempSync(join(tmpdir(), 'findme-logfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('starts a new file past maxBytes and each day, keeping `keep` files', () => {
  let today = new Date('2026-11-20T10:00:00Z');
  const log = createSafeLogDestination({ target: { dir, base: 'findme' }, maxBytes: 100, keep: 3, now: () => today });
  const line = `${'x'.repeat(59)}\n`; // 60 bytes: two fill a file
  for (let i = 0; i < 4; i++) {
    log.write(line);
    log.flushSync();
  }
  expect(readdirSync(dir).sort()).toEqual(['findme.2026-11-20.1.log', 'findme.2026-11-20.2.log']);
  today = new Date('2026-11-21T10:00:00Z');
  log.write(line);
  log.flushSync();
  today = new Date('2026-11-22T10:00:00Z');
  log.write('last\n');
  log.flushSync();
  expect(readdirSync(dir).sort()).toEqual(['findme.2026-11-20.2.log', 'findme.2026-11-21.1.log', 'findme.2026-11-22.1.log']);
  expect(readFileSync(join(dir, 'findme.2026-11-22.1.log'), 'utf8')).toBe('last\n');
  log.close();
});
