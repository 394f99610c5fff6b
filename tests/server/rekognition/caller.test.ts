// The call loop: a bad request fails the job at once (RekognitionRefusedError), an outage is waited out
// with growing pauses until the job's deadline, a job whose event left Rekognition stops
// waiting, and the engine's health says what is going on.
import type { RekognitionClient } from '@aws-sdk/client-rekognition';
import { InvalidImageFormatException, ThrottlingException } from '@aws-sdk/client-rekognition';
import { expect, it } from 'vitest';
import { createCaller, createEngineHealth, EngineSwitchedError } from '../../../server/faces/rekognition/caller.js';
import { createLimiter } from '../../../server/faces/rekognition/limiter.js';
import { RekognitionRefusedError, RekognitionUnavailableError } from '../../../server/faces/rekognition/errors.js';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
const setup = () => {
  const health = createEngineHealth();
  const waits: number[] = [];
  const call = createCaller({
    client: () => ({}) as RekognitionClient,
    limiter: createLimiter({ cap: () => 2, tps: () => 100 }),
    health,
    baseBackoffMs: 20,
    maxBackoffMs: 80,
    onRetry: (_op, _kind, _msg, waitMs) => waits.push(waitMs),
  });
  return { health, waits, call };
};

it('fails at once, as permanent, on an error the image causes', async () => {
  const { call } = setup();
  let tries = 0;
  const err = await call({ deadline: Date.now() + 10_000 }, 'IndexFaces', async () => {
    tries++;
    throw new InvalidImageFormatException({ message: 'Request has invalid image format', $metadata: { httpStatusCode: 400 } });
  }).catch((e: Error) => e);
  expect(tries).toBe(1);
  expect(err).toBeInstanceOf(RekognitionRefusedError);
  expect((err as Error).message).toMatch(/IndexFaces: InvalidImageFormatException/);
});

it('waits out throttling and outages with growing pauses, and says unreachable meanwhile', async () => {
  const { call, health, waits } = setup();
  let tries = 0;
  const out = await call({ deadline: Date.now() + 10_000 }, 'SearchUsers', async () => {
    tries++;
    if (tries === 1) throw new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    if (tries < 5) {
      if (tries === 4) expect(health.status().state).toBe('unreachable');
      throw refused();
    }
    return 'answer';
  });
  expect(out).toBe('answer');
  expect(tries).toBe(5);
  expect(waits).toHaveLength(4);
  expect(waits[0]!).toBeGreaterThanOrEqual(10);
  expect(waits[3]!).toBeGreaterThanOrEqual(40); // 20, 40, 80, 80 (capped), each between half and all
  expect(health.status()).toMatchObject({ state: 'ok', lastError: expect.stringMatching(/ECONNREFUSED/) });
});

it('gives the job back to the scheduler at its deadline, not as permanent', async () => {
  const { call } = setup();
  const err = await call({ deadline: Date.now() + 150 }, 'IndexFaces', async () => {
    throw refused();
  }).catch((e: Error) => e);
  expect(err).toBeInstanceOf(RekognitionUnavailableError);
  expect((err as Error).message).toMatch(/^rekognition unreachable: IndexFaces/);
});

it('stops waiting when the event leaves Rekognition', async () => {
  const { call } = setup();
  let switched = false;
  setTimeout(() => {
    switched = true;
  }, 100);
  const err = await call({ deadline: Date.now() + 60_000, abandoned: () => switched }, 'IndexFaces', async () => {
    throw refused();
  }).catch((e: Error) => e);
  expect(err).toBeInstanceOf(EngineSwitchedError);
});

it('stops waiting when FindMe shuts down, leaving the job for the next start', async () => {
  const { call } = setup();
  let stopping = false;
  setTimeout(() => {
    stopping = true;
  }, 100);
  const err = await call({ deadline: Date.now() + 60_000, cancelled: () => stopping }, 'IndexFaces', async () => {
    throw refused();
  }).catch((e: Error) => e);
  expect(err).not.toBeInstanceOf(EngineSwitchedError);
  expect(err).not.toBeInstanceOf(RekognitionRefusedError);
  expect(err).not.toBeInstanceOf(RekognitionUnavailableError);
});
