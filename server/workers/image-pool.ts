// The bounded pool of image worker threads (piscina). Its size is the `workers` setting and
// changes live: a new pool takes new tasks while the old one finishes what it has, so no job
// is lost or failed by a resize. A thread that crashes or runs out of memory is replaced by
// piscina; its task rejects and the job is retried by the queue. A thread idle for
// IDLE_RELEASE_MS ends, and its memory (about 350–450 MB: the face models and the WebAssembly
// heap they grew) goes back to the system; the next task starts a thread again (about 1.5 s
// to load the models).
import { Piscina } from 'piscina';
import type { Worker } from 'node:worker_threads';
import { workerFile } from '../util/worker-file.js';
import type { ImageTask, ResultOf } from './image-tasks.js';

export interface ImagePool {
  run<T extends ImageTask>(task: T): Promise<ResultOf<T>>;
  size(): number;
  resize(threads: number): void;
  /** Tasks running now. */
  active(): number;
  /** The live worker threads (tests terminate one to simulate a crash). */
  threads(): Worker[];
  close(): Promise<void>;
}

/** How long a worker thread may sit idle before it ends and frees its memory. */
export const IDLE_RELEASE_MS = 120_000;

export function createImagePool(threads: number, opts: { maxOldGenerationSizeMb?: number; idleReleaseMs?: number } = {}): ImagePool {
  const { filename, execArgv } = workerFile(import.meta.url, 'image.worker');
  const make = (n: number) =>
    new Piscina({
      filename,
      execArgv,
      minThreads: 0,
      maxThreads: n,
      idleTimeout: opts.idleReleaseMs ?? IDLE_RELEASE_MS,
      // Each thread holds one task: the scheduler never hands the pool more than it can run.
      concurrentTasksPerWorker: 1,
      resourceLimits: { maxOldGenerationSizeMb: opts.maxOldGenerationSizeMb ?? 1536 },
    });
  let pool = make(threads);
  let size = threads;
  let active = 0;
  const draining = new Set<Promise<void>>();

  return {
    async run(task) {
      active++;
      try {
        return await pool.run(task);
      } finally {
        active--;
      }
    },
    size: () => size,
    resize(n) {
      if (n === size) return;
      const old = pool;
      pool = make(n);
      size = n;
      const closing = old.close().catch(() => undefined);
      draining.add(closing);
      void closing.finally(() => draining.delete(closing));
    },
    active: () => active,
    threads: () => pool.threads as Worker[],
    async close() {
      await Promise.all([pool.close({ force: true }).catch(() => undefined), ...draining]);
    },
  };
}
