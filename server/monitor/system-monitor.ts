// CPU, memory and event-loop delay of this process, for the dashboard and the tests.
import { statfsSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { SystemStatus } from '../contract/admin.js';

const RESOLUTION_MS = 10;
// The histogram records the time between timer ticks, which includes the tick interval itself.
const lagMs = (v: number) => (Number.isFinite(v) ? Math.max(0, v / 1e6 - RESOLUTION_MS) : 0);

/** Free space where the data folder is; `low` under 1 GB or 5 %. statfs is a single cheap syscall. */
export function diskSpace(dir: string): SystemStatus['disk'] {
  try {
    const s = statfsSync(dir);
    const freeBytes = s.bavail * s.bsize;
    const totalBytes = s.blocks * s.bsize;
    return { freeBytes, totalBytes, low: freeBytes < 1024 ** 3 || freeBytes < totalBytes * 0.05 };
  } catch {
    return { freeBytes: 0, totalBytes: 0, low: true };
  }
}

/** Samples every `intervalMs` and keeps the last `historySize` samples (15 minutes at 1 s). */
export function createSystemMonitor(version: string, dataDir: string, intervalMs = 1000, historySize = 900) {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let lastCpu = process.cpuUsage();
  let lastTime = process.hrtime.bigint();
  let lastSystem = systemTimes();

  function systemTimes() {
    let idle = 0;
    let total = 0;
    for (const c of cpus()) {
      idle += c.times.idle;
      total += c.times.idle + c.times.user + c.times.nice + c.times.sys + c.times.irq;
    }
    return { idle, total };
  }

  const history: SystemStatus[] = [];
  let latest: SystemStatus;

  function take(): SystemStatus {
    const nowTime = process.hrtime.bigint();
    const cpu = process.cpuUsage(lastCpu);
    const elapsedUs = Number(nowTime - lastTime) / 1000;
    const sys = systemTimes();
    const dTotal = sys.total - lastSystem.total;
    const status: SystemStatus = {
      cpu: {
        cores: cpus().length,
        processPercent: elapsedUs > 0 ? ((cpu.user + cpu.system) / elapsedUs) * 100 : 0,
        systemPercent: dTotal > 0 ? (1 - (sys.idle - lastSystem.idle) / dTotal) * 100 : 0,
        loadAverage: loadavg(),
      },
      memory: {
        rssBytes: process.memoryUsage.rss(),
        heapUsedBytes: process.memoryUsage().heapUsed,
        systemTotalBytes: totalmem(),
        systemFreeBytes: freemem(),
      },
      eventLoopLagMs: lagMs(histogram.percentile(99)),
      eventLoop: { meanMs: lagMs(histogram.mean), p99Ms: lagMs(histogram.percentile(99)), maxMs: lagMs(histogram.max) },
      disk: diskSpace(dataDir),
      uptimeSeconds: process.uptime(),
      version,
    };
    lastCpu = process.cpuUsage();
    lastTime = nowTime;
    lastSystem = sys;
    histogram.reset();
    return status;
  }

  latest = take();
  const timer = setInterval(() => {
    latest = take();
    history.push(latest);
    if (history.length > historySize) history.shift();
  }, intervalMs);
  timer.unref();

  return {
    /** The figures of the last complete window. */
    latest: () => latest,
    history: () => history.slice(),
    close() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
export type SystemMonitor = ReturnType<typeof createSystemMonitor>;
