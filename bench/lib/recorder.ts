// Per-endpoint timings of the load driver: every request counted, failures with their status.
import type { HttpResult } from './http.js';
import { summarize, type Summary } from './stats.js';

export interface EndpointStats extends Summary {
  failures: number;
  /** Response bytes received (bodies). */
  bytes: number;
  /** status (or network error code) → count, failures only */
  failedWith: Record<string, number>;
}

export class Recorder {
  private readonly endpoints = new Map<string, { ms: number[]; failures: number; bytes: number; failedWith: Record<string, number> }>();

  record(endpoint: string, res: HttpResult): HttpResult {
    let e = this.endpoints.get(endpoint);
    if (!e) this.endpoints.set(endpoint, (e = { ms: [], failures: 0, bytes: 0, failedWith: {} }));
    e.ms.push(res.ms);
    e.bytes += res.bytes;
    if (!res.ok) {
      e.failures++;
      const key = res.status ? String(res.status) + (res.body?.error?.code ? ` ${res.body.error.code}` : '') : (res.error ?? 'network');
      e.failedWith[key] = (e.failedWith[key] ?? 0) + 1;
    }
    return res;
  }

  summary(): Record<string, EndpointStats> {
    const out: Record<string, EndpointStats> = {};
    for (const [name, e] of [...this.endpoints].sort(([a], [b]) => a.localeCompare(b))) {
      out[name] = { ...summarize(e.ms), failures: e.failures, bytes: e.bytes, failedWith: e.failedWith };
    }
    return out;
  }
}
