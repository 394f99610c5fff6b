// Closed-loop baseline: `concurrency` keep-alive connections, each sending GET `url` as soon as
// the previous answer is read, for `durationMs` or `maxRequests`. Uses node:http (lighter on
// the client than fetch) so the figure says more about the server than about the driver.
import http from 'node:http';
import { summarize, type Summary } from './stats.js';

export interface HammerJob {
  kind: 'hammer';
  url: string;
  concurrency: number;
  durationMs: number;
  maxRequests: number;
}

export interface HammerResult {
  requests: number;
  errors: number;
  rps: number;
  latency: Summary;
  durationMs: number;
}

export async function hammer(job: HammerJob): Promise<HammerResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const url = new URL(job.url);
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const start = performance.now();
  const end = start + job.durationMs;
  const one = () => new Promise<void>((resolve) => {
    const t0 = performance.now();
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, agent, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => {
        if ((res.statusCode ?? 0) >= 400) errors++;
        latencies.push(performance.now() - t0);
        resolve();
      });
      res.on('error', () => {
        errors++;
        resolve();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      errors++;
      resolve();
    });
    req.end();
  });
  const loop = async () => {
    while (performance.now() < end && sent < job.maxRequests) {
      sent++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, loop));
  const durationMs = performance.now() - start;
  agent.destroy();
  return { requests: latencies.length, errors, rps: (latencies.length / durationMs) * 1000, latency: summarize(latencies), durationMs };
}
