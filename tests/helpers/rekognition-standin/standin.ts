// A local stand-in for AWS Rekognition that speaks its wire protocol: JSON 1.1 over HTTP POST,
// `X-Amz-Target: RekognitionService.<Operation>`, SigV4-signed requests (signature verified),
// errors as `{"__type", "message"}`. FindMe's real SDK client reaches it through the
// `rekognitionEndpoint` setting. It counts calls in flight (and the most at once), can answer
// a share of calls with throttling errors or 500s, and can go down and come back on its port.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { warmUpDetector } from './detector.js';
import { AwsError, createRekognitionState, type RekognitionState } from './operations.js';
import { checkSigV4 } from './sigv4.js';

export const STANDIN_KEYS = { accessKeyId: 'AKIDFINDMESTANDIN001', secretAccessKey: 'standin/Secret+Key/0123456789abcdefghijKLMN' };

export interface StandInStats {
  inFlight: number;
  maxInFlight: number;
  calls: Record<string, number>;
  throttled: number;
  failed: number;
  refused: number;
}

export interface StandIn {
  url: string;
  state: RekognitionState;
  stats: StandInStats;
  /** Share (0..1) of signed calls answered with a throttling error, and with a 500. */
  setFaults(f: { throttleRate?: number; errorRate?: number }): void;
  /** Extra time spent on every call, so that concurrent calls overlap. */
  setLatency(ms: number): void;
  resetStats(): void;
  /** Closes the port (and every open connection); `up()` listens on the same port again. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** A small seeded random source, so fault patterns repeat from run to run. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startStandIn(opts: { region?: string; keys?: Record<string, string>; latencyMs?: number; seed?: number } = {}): Promise<StandIn> {
  const region = opts.region ?? 'us-east-1';
  const keys = new Map(Object.entries(opts.keys ?? { [STANDIN_KEYS.accessKeyId]: STANDIN_KEYS.secretAccessKey }));
  const state = createRekognitionState(region);
  const random = seeded(opts.seed ?? 42);
  const faults = { throttleRate: 0, errorRate: 0 };
  let latencyMs = opts.latencyMs ?? 0;
  const fresh = (): StandInStats => ({ inFlight: 0, maxInFlight: 0, calls: {}, throttled: 0, failed: 0, refused: 0 });
  const stats = fresh();
  await warmUpDetector();

  function answer(res: ServerResponse, status: number, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': randomUUID() });
    res.end(text);
  }
  const fail = (res: ServerResponse, err: AwsError) => answer(res, err.status, { __type: err.type, message: err.message });

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    if (latencyMs) await new Promise((r) => setTimeout(r, latencyMs));
    const denied = checkSigV4({ method: req.method ?? '', url: req.url ?? '/', headers: req.headers, body }, keys, 'rekognition');
    if (denied) {
      stats.refused++;
      return fail(res, new AwsError(denied.type, denied.message, denied.type === 'MissingAuthenticationTokenException' ? 403 : 400));
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith('RekognitionService.') ? target.slice('RekognitionService.'.length) : '';
    const handler = Object.hasOwn(state.operations, operation) ? state.operations[operation] : undefined;
    if (req.method !== 'POST' || !handler) return fail(res, new AwsError('UnknownOperationException', `Unknown operation ${target}`));
    if (!String(req.headers['content-type']).startsWith('application/x-amz-json-1.1')) {
      return fail(res, new AwsError('SerializationException', 'Content-Type must be application/x-amz-json-1.1'));
    }
    stats.calls[operation] = (stats.calls[operation] ?? 0) + 1;
    const roll = random();
    if (roll < faults.throttleRate) {
      stats.throttled++;
      const type = roll < faults.throttleRate / 2 ? 'ThrottlingException' : 'ProvisionedThroughputExceededException';
      return fail(res, new AwsError(type, 'Rate exceeded'));
    }
    if (roll < faults.throttleRate + faults.errorRate) {
      stats.failed++;
      return fail(res, new AwsError('InternalServerError', 'Amazon Rekognition experienced a service issue. Try your call again.', 500));
    }
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return fail(res, new AwsError('SerializationException', 'Request body is not JSON'));
    }
    try {
      answer(res, 200, await handler(input));
    } catch (err) {
      fail(res, err instanceof AwsError ? err : new AwsError('InternalServerError', String(err), 500));
    }
  }

  const server = createServer((req, res) => {
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    let counted = true;
    const done = () => {
      if (counted) stats.inFlight--;
      counted = false;
    };
    res.on('finish', done);
    res.on('close', done);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on(
      'end',
      () =>
        void handle(req, res, Buffer.concat(chunks)).catch((err: unknown) => {
          if (!res.headersSent) fail(res, new AwsError('InternalServerError', String(err), 500));
        }),
    );
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const port = await listen(0);
  let isUp = true;

  return {
    url: `http://127.0.0.1:${port}`,
    state,
    stats,
    setFaults(f) {
      faults.throttleRate = f.throttleRate ?? 0;
      faults.errorRate = f.errorRate ?? 0;
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    resetStats: () => void Object.assign(stats, fresh(), { inFlight: stats.inFlight }),
    async down() {
      if (!isUp) return;
      isUp = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
    async up() {
      if (isUp) return;
      await listen(port);
      isUp = true;
    },
    async close() {
      if (isUp) {
        isUp = false;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      }
    },
  };
}
