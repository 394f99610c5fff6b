// HTTP helpers on Node's global fetch (undici): every call is timed, bounded by a timeout,
// and reads its whole body so the connection goes back to the pool.

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
}

export async function request(url: string, init: RequestInit2 = {}): Promise<HttpResult> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | FormData | undefined;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers['content-type'] = 'application/json';
  } else if (init.form) body = init.form;
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const t0 = performance.now();
  try {
    const res = await fetch(url, { method: init.method ?? 'GET', headers, body, signal: AbortSignal.timeout(init.timeoutMs ?? 30_000) });
    const buf = Buffer.from(await res.arrayBuffer());
    const ms = performance.now() - t0;
    let parsed: unknown;
    if (!init.binary && (res.headers.get('content-type') ?? '').includes('json') && buf.length) {
      try {
        parsed = JSON.parse(buf.toString('utf8'));
      } catch {
        parsed = undefined;
      }
    }
    return { status: res.status, ms, ok: res.status < 400, body: parsed, bytes: buf.length };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { status: 0, ms: performance.now() - t0, ok: false, body: undefined, bytes: 0, error: e.cause?.code ?? e.name ?? 'error' };
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
