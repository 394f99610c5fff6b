// The load driver's process seen from the benchmark: started once per scenario step, runs
// jobs one after another, and is stopped (by its pid) when done or when a job overruns.
import type { DriverJob } from '../children/driver.js';
import { forkChild, nextMessage, stopChild } from './child.js';

export interface Driver {
  pid: number;
  run<T>(job: DriverJob, timeoutMs: number): Promise<T>;
  stop(): Promise<void>;
}

export async function startDriver(): Promise<Driver> {
  const child = forkChild('children/driver.ts');
  try {
    await nextMessage(child, 'ready', 60_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    pid: child.pid!,
    async run<T>(job: DriverJob, timeoutMs: number) {
      const result = nextMessage<{ type: string; result: T }>(child, 'result', timeoutMs);
      child.send({ type: 'run', job });
      try {
        return (await result).result;
      } catch (err) {
        await stopChild(child, 1_000); // an overrunning job: its process goes
        throw err;
      }
    },
    stop: () => stopChild(child, 5_000),
  };
}

/** One job in a fresh driver process. */
export async function runDriver<T>(job: DriverJob, timeoutMs: number, onStarted?: (pid: number) => void): Promise<T> {
  const driver = await startDriver();
  try {
    onStarted?.(driver.pid);
    return await driver.run<T>(job, timeoutMs);
  } finally {
    await driver.stop();
  }
}
