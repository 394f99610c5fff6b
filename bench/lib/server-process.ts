// Starts and stops FindMe (bench/children/server-host.mjs, the compiled server) in its own process, on free ports of
// 127.0.0.1 with a temp data folder, and gives the benchmark an admin client and the stage
// totals. Virtual phones send from addresses of their own (addresses.ts), so FindMe runs with
// its real per-address limits (sockets, availability; all of them with `realLimits`). Without
// it, the login/register/selfie/gallery limits are raised for the scenarios that set attendees
// up from 127.0.0.1 (ingest's 300 registrations).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StageTotals } from '../../server/monitor/stage-stats.js';
import { freePort } from '../../tests/helpers/child-server.js';
import { withMallocTuning } from '../../server/util/malloc-tuning.js';
import { forkChild, nextMessage, stopChild } from './child.js';
import { adminClient, request, type AdminClient } from './http.js';

/** The bcrypt cost FindMe runs with in the benchmark. */
export const BENCH_BCRYPT_ROUNDS = 10;

export interface FindMeServer {
  pid: number;
  attendeeUrl: string;
  adminUrl: string;
  adminToken: string;
  dataDir: string;
  admin: AdminClient;
  stages(): Promise<StageTotals>;
  createEvent(name: string): Promise<{ id: string; code: string }>;
  /** Resolves when no job is queued or running (bounded). */
  waitIdle(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

const RAISED_LIMITS = {
  FINDME_RATE_LIMIT_LOGIN: '100000',
  FINDME_RATE_LIMIT_REGISTER: '100000',
  FINDME_RATE_LIMIT_SELFIE: '100000',
  FINDME_RATE_LIMIT_GALLERY: '100000',
};

export interface StartOptions {
  workers?: number;
  env?: Record<string, string>;
  /** FindMe's own rate limits, none raised. */
  realLimits?: boolean;
  /** A data folder prepared beforehand (seeded); removed on stop like a temp one. */
  dataDir?: string;
}

export async function startFindMe(opts: StartOptions = {}): Promise<FindMeServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'findme-bench-'));
  const adminToken = randomBytes(18).toString('base64url');
  const [port, adminPort] = [await freePort(), await freePort()];
  // FindMe's process starts as `npm start` starts it: with its malloc settings (Linux).
  const child = forkChild('children/server-host.mjs', {
    ...(withMallocTuning(process.env) as Record<string, string>),
    FINDME_DATA_DIR: dataDir,
    FINDME_PORT: String(port),
    FINDME_ADMIN_PORT: String(adminPort),
    FINDME_ADMIN_TOKEN: adminToken,
    FINDME_HOST: '127.0.0.1',
    FINDME_BCRYPT_ROUNDS: String(BENCH_BCRYPT_ROUNDS),
    ...(!opts.realLimits && RAISED_LIMITS),
    ...(opts.workers && { FINDME_WORKERS: String(opts.workers) }),
    ...opts.env,
  });
  try {
    await nextMessage(child, 'ready', 90_000);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const adminUrl = `http://127.0.0.1:${adminPort}`;
  const admin = adminClient(adminUrl, adminToken);
  return {
    pid: child.pid!,
    attendeeUrl: `http://127.0.0.1:${port}`,
    adminUrl,
    adminToken,
    dataDir,
    admin,
    async stages() {
      const reply = nextMessage<{ type: string; totals: StageTotals }>(child, 'stages', 10_000);
      child.send({ type: 'stages' });
      return (await reply).totals;
    },
    async createEvent(name: string) {
      const body = await admin('POST', '/api/admin/events', { name });
      return body.event as { id: string; code: string };
    },
    async waitIdle(timeoutMs: number) {
      const start = Date.now();
      for (;;) {
        const res = await request(`${adminUrl}/api/admin/queue/stats`, { token: adminToken });
        const q = res.body?.queue as { queued: number; running: number } | undefined;
        if (q && q.queued === 0 && q.running === 0) return;
        if (Date.now() - start > timeoutMs) throw new Error(`queue not idle after ${timeoutMs} ms: ${JSON.stringify(q)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
