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

it('lets running tasks finish when it closes: a thread is never ended in the middle of a run', async () => {
  // Ending a thread inside an ONNX Runtime call would abort this whole process (and the test run).
  const closing = createImagePool(2);
  const photos = ['photos/two_people.jpg', 'photos/obama1.jpg'].map((rel, i) =>
    closing.run({ kind: 'photo', originalPath: fixture(rel), previewPath: join(dir, `p${i}.jpg`), thumbPath: join(dir, `t${i}.jpg`) }),
  );
  await expect.poll(() => closing.active(), { timeout: 10_000, interval: 10 }).toBe(2);
  await closing.close();
  for (const result of await Promise.all(photos)) expect((result as { faces: unknown[] }).faces.length).toBeGreaterThan(0);
});
