// A FindMe test server whose Rekognition engine talks to the local stand-in.
import type { Logger } from 'pino';
import { startStandIn, STANDIN_KEYS, type StandIn } from '../../helpers/rekognition-standin/standin.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

export interface RekognitionEnv {
  s: TestServer;
  standin: StandIn;
  close(): Promise<void>;
}

export const rekognitionSettings = (standin: StandIn) => ({
  rekognitionEndpoint: standin.url,
  rekognitionRegion: 'us-east-1',
  rekognitionAccessKeyId: STANDIN_KEYS.accessKeyId,
  rekognitionSecretAccessKey: STANDIN_KEYS.secretAccessKey,
  rekognitionTps: 100,
});

/** Starts the stand-in and a server, and points the server at it (globally unless `global` is false). */
export async function startWithStandIn(
  opts: { workers?: number; global?: boolean; settings?: Record<string, unknown>; logger?: Logger; latencyMs?: number } = {},
): Promise<RekognitionEnv> {
  const standin = await startStandIn({ latencyMs: opts.latencyMs });
  const s = await startTestServer({ env: { FINDME_WORKERS: String(opts.workers ?? 2) }, logger: opts.logger });
  const res = await s.admin('PUT', '/api/admin/settings', {
    ...rekognitionSettings(standin),
    ...(opts.global !== false && { faceEngine: 'rekognition' }),
    ...opts.settings,
  });
  if (res.status !== 200) throw new Error(`settings: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    s,
    standin,
    async close() {
      await s.close();
      await standin.close();
    },
  };
}

/** Jobs by state, and how many times each job ran, straight from the database. */
export function jobSummary(s: TestServer) {
  return s.findme.db.prepare('SELECT state, COUNT(*) AS n FROM jobs GROUP BY state ORDER BY state').all() as { state: string; n: number }[];
}

/** Matches that appear more than once (there must be none: the primary key forbids it). */
export function duplicateMatches(s: TestServer) {
  return s.findme.db.prepare('SELECT photo_id, attendee_id, COUNT(*) AS n FROM matches GROUP BY photo_id, attendee_id HAVING n > 1').all();
}
