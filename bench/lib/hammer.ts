// Closed-loop baseline: `concurrency` keep-alive connections, each sending GET `url` as soon as
// the previous answer is read, for `durationMs` or `maxRequests`. Uses node:http (lighter on
// the client than fetch) so the figure says more about the server than about the driver. With
// `addressBlock`, each connection comes from its own loopback address (one phone each).
import http from 'node:http';
import { loopback } from './addresses.js';
import { summarize, type Summary } from './stats.js';

export interface HammerJob {
  kind: 'hammer';
  url: string;
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  addressBlock?: number;
}

export interface HammerResult {
  requests: number;
  errors: number;
  rps: number;
  latency: Summary;
  durationMs: number;
}

export async function hammer(job: HammerJob): Promise<HammerResult> {
  const agents = Array.from(
    { length: job.concurrency },
    (_, i) => new http.Agent({ keepAlive: true, maxSockets: 1, ...(job.addressBlock && { localAddress: loopback(job.addressBlock, i) }) }),
  );
  const url = new URL(job.url);
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const start = performance.now();
  const end = start + job.durationMs;
  const one = (agent: http.Agent) =>
    new Promise<void>((resolve) => {
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
  const loop = async (agent: http.Agent) => {
    while (performance.now() < end && sent < job.maxRequests) {
      sent++;
      await one(agent);
    }
  };
  await Promise.all(agents.map(loop));
  const durationMs = performance.now() - start;
  for (const agent of agents) agent.destroy();
  return { requests: latencies.length, errors, rps: (latencies.length / durationMs) * 1000, latency: summarize(latencies), durationMs };
}
