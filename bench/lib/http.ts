// HTTP helpers on node:http: every call is timed, bounded by a timeout, and reads its whole
// body so the connection goes back to its agent. A virtual phone has an agent of its own bound
// to its own loopback address (see addresses.ts), so FindMe's per-address limits see one phone
// per address; calls without one share a keep-alive agent on 127.0.0.1.
import http from 'node:http';

export interface HttpResult {
  status: number;
  ms: number;
  ok: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  bytes: number;
  error?: string;
}

export interface RequestInit2 {
  method?: string;
  token?: string;
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Parse the body as JSON (default: when the response says so). */
  binary?: boolean;
  /** The phone's agent (its own source address); default: a shared agent on 127.0.0.1. */
  agent?: http.Agent;
}

const SHARED = new http.Agent({ keepAlive: true });

/**
 * A phone's connections: keep-alive, at most 6 at once (what a phone browser opens to one
 * host), all from `localAddress`.
 */
export function phoneAgent(localAddress: string | undefined, maxSockets = 6): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, ...(localAddress && { localAddress }) });
}

async function encodeBody(init: RequestInit2, headers: Record<string, string>): Promise<Buffer | undefined> {
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    return Buffer.from(JSON.stringify(init.json));
  }
  if (!init.form) return undefined;
  // The multipart encoding (and its boundary) as fetch would send it.
  const encoded = new Response(init.form);
  headers['content-type'] = encoded.headers.get('content-type')!;
  return Buffer.from(await encoded.arrayBuffer());
}

function send(url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined, agent: http.Agent, timeoutMs: number) {
  if (body) headers['content-length'] = String(body.length);
  return new Promise<{ status: number; type: string; buf: Buffer }>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), buf: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'TimeoutError' })), timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', reject);
    req.end(body);
  });
}

export async function request(url: string, init: RequestInit2 = {}): Promise<HttpResult> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const body = await encodeBody(init, headers);
  const t0 = performance.now();
  try {
    const res = await send(new URL(url), init.method ?? 'GET', headers, body, init.agent ?? SHARED, init.timeoutMs ?? 30_000);
    const ms = performance.now() - t0;
    let parsed: unknown;
    if (!init.binary && res.type.includes('json') && res.buf.length) {
      try {
        parsed = JSON.parse(res.buf.toString('utf8'));
      } catch {
        parsed = undefined;
      }
    }
    return { status: res.status, ms, ok: res.status > 0 && res.status < 400, body: parsed, bytes: res.buf.length };
  } catch (err) {
    const e = err as Error & { code?: string };
    return { status: 0, ms: performance.now() - t0, ok: false, body: undefined, bytes: 0, error: e.code ?? e.message ?? 'error' };
  }
}

/** An admin-listener client. */
export function adminClient(adminUrl: string, token: string) {
  return async (method: string, path: string, json?: unknown, timeoutMs = 60_000) => {
    const res = await request(adminUrl + path, { method, json, token, timeoutMs });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${res.error ?? JSON.stringify(res.body)}`);
    return res.body;
  };
}
export type AdminClient = ReturnType<typeof adminClient>;
