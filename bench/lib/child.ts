// Child processes of the benchmark (FindMe host, load driver, hello-world, inference floor):
// TypeScript entry files run under tsx, JavaScript ones (the FindMe host, on the compiled
// server) under plain Node; all talk over Node's IPC channel, and are always stopped by the
// process id we got when starting them.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../server/util/app-paths.js';

export const ROOT = packageRoot();

export interface Message {
  type: string;
  [key: string]: unknown;
}

export function benchFile(rel: string): string {
  return fileURLToPath(new URL(`../${rel}`, import.meta.url));
}

/** Starts `bench/<rel>` (with tsx if it is TypeScript) and an IPC channel; its output is kept (last 20 kB). */
export function forkChild(rel: string, env: Record<string, string> = {}): ChildProcess & { output: () => string } {
  const child = fork(benchFile(rel), [], {
    cwd: ROOT,
    execArgv: rel.endsWith('.ts') ? ['--import', 'tsx'] : [],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return Object.assign(child, { output: () => out });
}

/** The next message of `type` from a child (rejects on exit or after `timeoutMs`). */
export function nextMessage<T extends Message>(child: ChildProcess & { output?: () => string }, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (m: Message) => {
      if (m?.type === 'error') {
        done();
        reject(new Error(`child ${child.pid} failed: ${String(m.message)}`));
      } else if (m?.type === type) {
        done();
        resolve(m as T);
      }
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`child ${child.pid} exited (${code}) before "${type}": ${child.output?.().slice(-2000) ?? ''}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`child ${child.pid}: no "${type}" within ${timeoutMs} ms: ${child.output?.().slice(-2000) ?? ''}`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Asks a child to stop ("stop" message), then SIGKILLs that pid if it has not exited in time. */
export async function stopChild(child: ChildProcess, graceMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    if (child.connected) child.send({ type: 'stop' });
    else child.kill('SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** In a child: reply to the parent, if there is one. */
export function sendToParent(message: Message): void {
  if (process.send) process.send(message);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
