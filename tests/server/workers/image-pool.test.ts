// An idle image worker ends and gives its memory back (the face models and the WebAssembly heap
// they grew: hundreds of MB a thread); the next task starts a thread again and is answered.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createImagePool } from '../../../server/workers/image-pool.js';
import { fixture } from '../../helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'findme-pool-'));
const pool = createImagePool(1, { idleReleaseMs: 500 });
afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

const selfie = (name: string) => pool.run({ kind: 'selfie', uploadPath: fixture('selfies/obama.jpg'), outputPath: join(dir, `${name}.jpg`) });

it('ends an idle thread and starts one again for the next task', async () => {
  expect(pool.threads()).toHaveLength(0); // no thread (and no model) before the first task
  expect(await selfie('first')).toMatchObject({ accepted: true });
  expect(pool.threads()).toHaveLength(1);
  await expect.poll(() => pool.threads().length, { timeout: 10_000, interval: 100 }).toBe(0);
  expect(await selfie('again')).toMatchObject({ accepted: true });
});
