// Password hashing in its own small worker pool (piscina), so that a login never waits behind
// image work and never blocks the event loop.
import bcrypt from 'bcryptjs';
import { Piscina } from 'piscina';
import { workerFile } from '../util/worker-file.js';
import type { PasswordTask } from './password.worker.js';

export interface PasswordHasher {
  hash(password: string, rounds: number): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /** The cost a hash was made with. */
  roundsOf(hash: string): number;
  /** Tasks waiting for a thread. */
  queueSize(): number;
  close(): Promise<void>;
}

export function createPasswordHasher(threads = 2): PasswordHasher {
  const { filename, execArgv } = workerFile(import.meta.url, 'password.worker');
  const pool = new Piscina({ filename, execArgv, minThreads: 1, maxThreads: threads, idleTimeout: 60_000 });
  const run = (task: PasswordTask) => pool.run(task) as Promise<string | boolean>;
  return {
    hash: async (password, rounds) => (await run({ op: 'hash', password, rounds })) as string,
    verify: async (password, hash) => (await run({ op: 'compare', password, hash })) as boolean,
    roundsOf: (hash) => bcrypt.getRounds(hash),
    queueSize: () => pool.queueSize,
    close: () => pool.destroy(),
  };
}
