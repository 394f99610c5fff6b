// A camera sending over FTP: runs ftp-client.py (Python's ftplib, passive mode) and returns what
// the receiver answered to each step.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLIENT = join(import.meta.dirname, 'ftp-client.py');

export type CameraStep = { do: 'stor' | 'cut'; name: string; file: string; bytes?: number } | { do: 'cmd'; line: string } | { do: 'cwd' | 'mkd'; path: string };

export interface CameraResult {
  login: string | null;
  error?: string;
  steps: { ok: boolean; reply: string }[];
}

export async function camera(
  to: { port: number; username: string; password: string },
  steps: CameraStep[],
  opts: { user?: string; password?: string; tls?: boolean } = {},
): Promise<CameraResult> {
  const job = { host: '127.0.0.1', port: to.port, user: opts.user ?? to.username, password: opts.password ?? to.password, tls: opts.tls, steps };
  const { stdout } = await run('python3', [CLIENT, JSON.stringify(job)], { timeout: 60_000 });
  return JSON.parse(stdout) as CameraResult;
}
