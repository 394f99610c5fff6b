// The bounded pool of image worker threads (piscina). Its size is the `workers` setting and
// changes live: a new pool takes new tasks while the old one finishes what it has, so no job
// is lost or failed by a resize. A thread that crashes or runs out of memory is replaced by
// piscina; its task rejects and the job is retried by the queue. A thread idle for
// IDLE_RELEASE_MS ends, and its memory (the face nets' sessions, TensorFlow.js' WebAssembly
// heap, a few hundred MB) goes back to the system; the next task starts a thread again (about
// 1 s to load the models).
// A busy thread is never terminated: ONNX Runtime's binding aborts the whole process when the
// thread it is running in is killed in the middle of a run. A resize lets the old threads finish
// what they run, and closing lets every task handed to the pool finish (up to CLOSE_TIMEOUT_MS,
// after the scheduler has waited for its jobs); idle release only ends idle threads.
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

/** How long closing waits for running tasks before it ends the threads anyway. */
export const CLOSE_TIMEOUT_MS = 60_000;

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
      closeTimeout: CLOSE_TIMEOUT_MS,
      // Each thread holds one task: the scheduler never hands the pool more than it can run.
      concurrentTasksPerWorker: 1,
      resourceLimits: { maxOldGenerationSizeMb: opts.maxOldGenerationSizeMb ?? 1536 },
    });
  let pool = make(threads);
  let size = threads;
  const inFlight = new Set<Promise<unknown>>();
  const draining = new Set<Promise<void>>();

  return {
    async run(task) {
      const running = pool.run(task);
      inFlight.add(running);
      try {
        return await running;
      } finally {
        inFlight.delete(running);
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
    active: () => inFlight.size,
    threads: () => pool.threads as Worker[],
    async close() {
      // Every task handed over finishes first, queued ones included (piscina's close only waits
      // for the tasks its threads have already taken).
      const deadline = new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
      await Promise.race([Promise.allSettled([...inFlight]), deadline]);
      await Promise.all([pool.close().catch(() => undefined), ...draining]);
    },
  };
}
