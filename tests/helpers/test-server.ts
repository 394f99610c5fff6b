// Starts a real FindMe (both listeners on real sockets, a real SQLite file in a temp folder)
// and gives tests small HTTP helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { readConfig } from '../../server/config.js';
import { createFindMe, type FindMe } from '../../server/core.js';
import type { AuthResponse } from '../../server/contract/attendee.js';
import type { CreatedEvent } from '../../server/contract/admin.js';
import { packageRoot } from '../../server/util/app-paths.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestServer {
  findme: FindMe;
  dataDir: string;
  adminToken: string;
  attendeeUrl: string;
  adminUrl: string;
  /** JSON request to the attendee listener. */
  api<T = AnyBody>(
    method: string,
    path: string,
    init?: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string },
  ): Promise<ApiResult<T>>;
  /** JSON request to the admin listener with the admin token. */
  admin<T = AnyBody>(method: string, path: string, body?: unknown): Promise<ApiResult<T>>;
  createEvent(name: string, code?: string): Promise<CreatedEvent['event']>;
  /** Closes the server; keeps the data folder when `keepData`. */
  close(keepData?: boolean): Promise<void>;
}

/**
 * A body as the tests read it: the contract's type when a test names it (`s.admin<FtpAccess>(…)`),
 * else loose, so a test can look at an error body or a success body alike.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyBody = any;

export interface ApiResult<T = AnyBody> {
  status: number;
  headers: Headers;
  body: T;
}

export async function startTestServer(
  opts: {
    dataDir?: string;
    env?: Record<string, string>;
    retryBackoffMs?: number;
    logger?: import('pino').Logger;
    streamMaxAgeMs?: number;
    /** The FTP receiver's port (default: any free one). */
    ftpPort?: number;
  } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'findme-test-'));
  const config = readConfig({ FINDME_DATA_DIR: dataDir, FINDME_ADMIN_TOKEN: ADMIN_TOKEN, FINDME_HOST: '127.0.0.1', ...opts.env }, dataDir);
  const findme = await createFindMe({
    config,
    logger: opts.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    rendererDir: join(packageRoot(), 'dist', 'renderer'),
    version: 'test',
    retryBackoffMs: opts.retryBackoffMs ?? 50,
    streamMaxAgeMs: opts.streamMaxAgeMs,
  });
  const urls = await findme.listen({ attendeePort: 0, adminPort: 0, ftpPort: opts.ftpPort ?? 0 });
  const attendeeUrl = urls.localAttendeeUrl.replace(/\/$/, '');
  const adminUrl = urls.adminUrl.replace(/\/$/, '');

  async function request<T>(
    base: string,
    method: string,
    path: string,
    init: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string } = {},
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { ...init.headers };
    let body: string | undefined;
    if (init.raw !== undefined) body = init.raw;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const res = await fetch(base + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  const server: TestServer = {
    findme,
    dataDir,
    attendeeUrl,
    adminUrl,
    adminToken: ADMIN_TOKEN,
    api: (method, path, init) => request(attendeeUrl, method, path, init),
    admin: (method, path, body) => request(adminUrl, method, path, { body, token: ADMIN_TOKEN }),
    async createEvent(name, code) {
      const res = await server.admin<CreatedEvent>('POST', '/api/admin/events', code ? { name, code } : { name });
      if (res.status !== 201) throw new Error(`createEvent: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.event;
    },
    async close(keepData = false) {
      await findme.close();
      if (!keepData && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

export async function register(server: TestServer, input: { code: string; username: string; password?: string; email?: string }): Promise<AuthResponse> {
  const res = await server.api<AuthResponse>('POST', '/api/register', {
    body: {
      code: input.code,
      username: input.username,
      password: input.password ?? 'correct horse battery',
      consent: true,
      ...(input.email && { email: input.email }),
    },
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
