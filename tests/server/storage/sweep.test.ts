import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { sweepPartialFiles } from '../../../server/storage/sweep.js';

const dir = mkdtempSync(join(tmpdir(), 'findme-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('removes half-written files and orphaned incoming copies, and nothing else', async () => {
  const ev = join(dir, 'events', 'e1');
  for (const sub of ['previews', 'thumbs', 'incoming', 'originals']) mkdirSync(join(ev, sub), { recursive: true });
  const keep = [join(ev, 'previews', 'p1.jpg'), join(ev, 'originals', 'p1.jpg')];
  const drop = [join(ev, 'previews', 'p2.jpg.abcd1234.partial'), join(ev, 'thumbs', 'p3.jpg.ffff0000.partial'), join(ev, 'incoming', 'x.partial')];
  for (const f of [...keep, ...drop]) writeFileSync(f, 'x');
  expect(await sweepPartialFiles(dir)).toBe(3);
  expect(keep.every(existsSync)).toBe(true);
  expect(drop.some(existsSync)).toBe(false);
  expect(await sweepPartialFiles(join(dir, 'nothing-here'))).toBe(0);
});
