// The Rekognition SDK client, made from the settings: region, endpoint and keys from the
// dashboard when given, else from the standard AWS chain (AWS_REGION, AWS_ACCESS_KEY_ID…,
// ~/.aws profiles, instance roles). Rebuilt when any of them changes. Throttling, 5xx and
// network errors are retried by the SDK's standard mode (exponential backoff with full jitter);
// the client-side rate limit is ours (limiter.ts: rekognitionTps), so the SDK's adaptive mode,
// which adds a second limiter that can fall to 0.5 calls/s, is not used.
import { createHash } from 'node:crypto';
import { RekognitionClient } from '@aws-sdk/client-rekognition';

export interface ConnectionSettings {
  region: string;
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string | null;
}

export interface ClientOptions {
  /** Tries per call inside the SDK (1 + retries). */
  maxAttempts?: number;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export function makeClient(c: ConnectionSettings, opts: ClientOptions = {}): RekognitionClient {
  return new RekognitionClient({
    region: c.region || undefined,
    endpoint: c.endpoint || undefined,
    credentials: c.accessKeyId && c.secretAccessKey ? { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey } : undefined,
    maxAttempts: opts.maxAttempts ?? 4,
    retryMode: 'standard',
    // throwOnRequestTimeout: without it the SDK only warns and a black-holed call never ends.
    requestHandler: { connectionTimeout: opts.connectionTimeoutMs ?? 5000, requestTimeout: opts.requestTimeoutMs ?? 15_000, throwOnRequestTimeout: true },
  });
}

/** The client for the settings in force; a new one (and the old one closed a minute later) when they change. */
export function createClientFactory(read: () => ConnectionSettings, opts: ClientOptions = {}) {
  let current: { key: string; client: RekognitionClient } | undefined;
  const retired = new Set<RekognitionClient>();
  return {
    get(): RekognitionClient {
      const c = read();
      const secretHash = c.secretAccessKey ? createHash('sha256').update(c.secretAccessKey).digest('hex') : '';
      const key = JSON.stringify([c.region, c.endpoint, c.accessKeyId, secretHash]);
      if (current?.key !== key) {
        if (current) retire(current.client);
        current = { key, client: makeClient(c, opts) };
      }
      return current.client;
    },
    close() {
      current?.client.destroy();
      current = undefined;
      for (const c of retired) c.destroy();
      retired.clear();
    },
  };

  function retire(client: RekognitionClient) {
    // Calls may still be running on it: close it once they are surely done.
    retired.add(client);
    setTimeout(() => {
      retired.delete(client);
      client.destroy();
    }, 60_000).unref();
  }
}
export type ClientFactory = ReturnType<typeof createClientFactory>;
