// FindMe as a separate process (the real CLI), so a test can kill -9 it like a power cut.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../../server/util/app-paths.js';
import { ADMIN_TOKEN } from './test-server.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface ChildServer {
  process: ChildProcess;
  attendeeUrl: string;
  adminUrl: string;
  output: () => string;
}

export async function startChildServer(dataDir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const [port, adminPort] = [await freePort(), await freePort()];
  const root = packageRoot();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'cli.ts')], {
    cwd: root,
    env: {
      ...process.env,
      FINDME_DATA_DIR: dataDir,
      FINDME_PORT: String(port),
      FINDME_ADMIN_PORT: String(adminPort),
      FINDME_ADMIN_TOKEN: ADMIN_TOKEN,
      FINDME_HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const started = Date.now();
  while (!out.includes('Press Ctrl+C to stop')) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    if (Date.now() - started > 30_000) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { process: child, attendeeUrl: `http://127.0.0.1:${port}`, adminUrl: `http://127.0.0.1:${adminPort}`, output: () => out };
}

export async function kill9(child: ChildServer) {
  const exited = new Promise((r) => child.process.once('exit', r));
  child.process.kill('SIGKILL');
  await exited;
}
