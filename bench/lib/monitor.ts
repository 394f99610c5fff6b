// Polls FindMe's own figures over the admin API once a second while a scenario runs: the job
// queue (selfie backlog) and the event-loop delay. Stops by itself after `maxMs`.
import { request } from './http.js';

export interface MonitorSample {
  t: number;
  queued: number;
  running: number;
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
}

export interface MonitorResult {
  samples: MonitorSample[];
  peakQueued: number;
  eventLoopP99MaxMs: number;
  eventLoopMaxMs: number;
}

export function startMonitor(adminUrl: string, token: string, intervalMs = 1000, maxMs = 3_600_000) {
  const start = Date.now();
  const samples: MonitorSample[] = [];
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    if (Date.now() - start > maxMs) return clearInterval(timer);
    busy = true;
    void Promise.all([
      request(`${adminUrl}/api/admin/queue/stats`, { token, timeoutMs: 5000 }),
      request(`${adminUrl}/api/admin/system`, { token, timeoutMs: 5000 }),
    ])
      .then(([q, s]) => {
        const loop = s.body?.eventLoop as { p99Ms?: number; maxMs?: number } | undefined;
        samples.push({
          t: Date.now() - start,
          queued: q.body?.queue?.queued ?? NaN,
          running: q.body?.queue?.running ?? NaN,
          eventLoopP99Ms: loop?.p99Ms ?? s.body?.eventLoopLagMs ?? NaN,
          eventLoopMaxMs: loop?.maxMs ?? NaN,
        });
      })
      .finally(() => (busy = false));
  }, intervalMs);
  return {
    stop(): MonitorResult {
      clearInterval(timer);
      const max = (f: (s: MonitorSample) => number) => samples.reduce((m, s) => (Number.isFinite(f(s)) ? Math.max(m, f(s)) : m), 0);
      return { samples, peakQueued: max((s) => s.queued), eventLoopP99MaxMs: max((s) => s.eventLoopP99Ms), eventLoopMaxMs: max((s) => s.eventLoopMaxMs) };
    },
  };
}
