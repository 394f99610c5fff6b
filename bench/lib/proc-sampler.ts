// Samples processes from /proc every `intervalMs`: resident memory (VmRSS, which counts every
// thread of the process, worker threads included) and CPU time (utime + stime of the whole
// thread group). Stops by itself after `maxMs`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

export function readProc(pid: number): { rssBytes: number; cpuSeconds: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "pid (comm) ": state is field 3, utime 14, stime 15.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(rest[11]) + Number(rest[12]);
    return { rssBytes: rss ? Number(rss[1]) * 1024 : 0, cpuSeconds: ticks / ticksPerSecond() };
  } catch {
    return null; // the process has exited
  }
}

export interface ProcSample {
  /** ms since the sampler started */
  t: number;
  rssBytes: number;
  /** CPU use since the previous sample, 100 = one core */
  cpuPercent: number;
}

export interface ProcStats {
  samples: ProcSample[];
  peakRssBytes: number;
  avgRssBytes: number;
  /** CPU seconds over the sampled time, 100 = one core busy all the time */
  cpuAvgPercent: number;
  cpuPeakPercent: number;
  cpuSeconds: number;
  durationMs: number;
}

export interface Sampler {
  stop(): Record<string, ProcStats>;
}

export function startSampler(pids: Record<string, number | undefined>, intervalMs = 500, maxMs = 3_600_000): Sampler {
  const start = Date.now();
  const state = new Map<string, { pid: number; first: number; last: { t: number; cpu: number }; samples: ProcSample[] }>();
  for (const [name, pid] of Object.entries(pids)) {
    if (!pid) continue;
    const p = readProc(pid);
    if (p) state.set(name, { pid, first: p.cpuSeconds, last: { t: start, cpu: p.cpuSeconds }, samples: [] });
  }
  const tick = () => {
    const now = Date.now();
    for (const s of state.values()) {
      const p = readProc(s.pid);
      if (!p) continue;
      const dt = (now - s.last.t) / 1000;
      s.samples.push({ t: now - start, rssBytes: p.rssBytes, cpuPercent: dt > 0 ? ((p.cpuSeconds - s.last.cpu) / dt) * 100 : 0 });
      s.last = { t: now, cpu: p.cpuSeconds };
    }
    if (now - start > maxMs) clearInterval(timer);
  };
  const timer = setInterval(tick, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      const out: Record<string, ProcStats> = {};
      const durationMs = Date.now() - start;
      for (const [name, s] of state) {
        const rss = s.samples.map((x) => x.rssBytes);
        const cpuSeconds = s.last.cpu - s.first;
        out[name] = {
          samples: s.samples,
          peakRssBytes: rss.length ? Math.max(...rss) : 0,
          avgRssBytes: rss.length ? rss.reduce((a, b) => a + b, 0) / rss.length : 0,
          cpuAvgPercent: durationMs > 0 ? (cpuSeconds / (durationMs / 1000)) * 100 : 0,
          cpuPeakPercent: s.samples.length ? Math.max(...s.samples.map((x) => x.cpuPercent)) : 0,
          cpuSeconds,
          durationMs,
        };
      }
      return out;
    },
  };
}

/** A compact copy without the per-sample series (for tables). */
export function withoutSamples(s: ProcStats | undefined): Omit<ProcStats, 'samples'> | undefined {
  if (!s) return undefined;
  const { samples: _samples, ...rest } = s;
  return rest;
}
