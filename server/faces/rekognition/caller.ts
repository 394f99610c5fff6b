// Every Rekognition call goes through here: the limiter (calls in flight, calls per second),
// the SDK's own retries, then ours. An error the image causes fails the job at once
// (RekognitionRefusedError); throttling, 5xx, no network and bad keys are waited out with exponential
// backoff and jitter until the job's deadline, while the engine's health (shown on the
// dashboard) says why. A job whose event was switched to the local engine stops waiting.
import type { RekognitionClient } from '@aws-sdk/client-rekognition';
import { classifyError, describeAwsError, RekognitionRefusedError, RekognitionUnavailableError, type ErrorKind } from './errors.js';
import type { Limiter } from './limiter.js';

export type EngineState = 'ok' | 'unreachable' | 'unauthorized';

export interface CallContext {
  /** Stop waiting out outages at this time (ms since epoch): the job is then retried later. */
  deadline: number;
  /** True when the job should stop using Rekognition (its event was switched to local). */
  abandoned?: () => boolean;
  /** True when FindMe is shutting down: stop waiting out failures (the job stays for the next start). */
  cancelled?: () => boolean;
}

/** Thrown when the job's event no longer uses Rekognition. */
export class EngineSwitchedError extends Error {
  constructor() {
    super('the event was switched to another face engine');
  }
}

/** Thrown on ResourceNotFoundException: the collection or user is not there. */
export class MissingResourceError extends Error {}

export function createEngineHealth() {
  let state: EngineState = 'ok';
  let lastError: string | null = null;
  return {
    succeeded() {
      state = 'ok';
    },
    failed(kind: ErrorKind, message: string) {
      lastError = message;
      if (kind === 'unreachable' || kind === 'unauthorized') state = kind;
      else if (kind === 'throttled' || kind === 'server') state = 'ok'; // it answered: reachable
    },
    status: () => ({ state, lastError }),
  };
}
export type EngineHealth = ReturnType<typeof createEngineHealth>;

export interface CallerDeps {
  client: () => RekognitionClient;
  limiter: Limiter;
  health: EngineHealth;
  /** First wait after a failure, doubled each time up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  onRetry?: (operation: string, kind: ErrorKind, message: string, waitMs: number) => void;
}

/** `expected`: error names that are a normal answer (e.g. ResourceAlreadyExistsException): rethrown as they are. */
export type Caller = <T>(ctx: CallContext, operation: string, send: (client: RekognitionClient) => Promise<T>, expected?: string[]) => Promise<T>;

export function createCaller(deps: CallerDeps): Caller {
  const base = deps.baseBackoffMs ?? 500;
  const max = deps.maxBackoffMs ?? 30_000;

  return async function call<T>(ctx: CallContext, operation: string, send: (client: RekognitionClient) => Promise<T>, expected: string[] = []): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (ctx.abandoned?.()) throw new EngineSwitchedError();
      try {
        const out = await deps.limiter.run(() => send(deps.client()));
        deps.health.succeeded();
        return out;
      } catch (err) {
        if (expected.includes((err as Error).name)) {
          deps.health.succeeded();
          throw err;
        }
        const kind = classifyError(err);
        const message = `${operation}: ${describeAwsError(err)}`;
        deps.health.failed(kind, message);
        if (kind === 'permanent') throw new RekognitionRefusedError(`rekognition refused the request: ${message}`, { cause: err });
        if (kind === 'missing') throw new MissingResourceError(message, { cause: err });
        // "Equal jitter": between half and all of the exponential step.
        const step = Math.min(max, base * 2 ** Math.min(attempt, 20));
        const waitMs = Math.round(step / 2 + Math.random() * (step / 2));
        if (ctx.cancelled?.()) throw new Error(`rekognition ${kind}: ${message}`, { cause: err });
        // Past the job's deadline the job goes back to the queue without using up an attempt:
        // an outage, however long, never turns into failed jobs.
        if (Date.now() + waitMs > ctx.deadline) throw new RekognitionUnavailableError(`rekognition ${kind}: ${message}`, { cause: err });
        deps.onRetry?.(operation, kind, message, waitMs);
        await pause(waitMs, ctx);
      }
    }
  };
}

/** Sleeps, waking early (to give up) if the job is abandoned meanwhile. */
async function pause(ms: number, ctx: CallContext) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (ctx.abandoned?.()) throw new EngineSwitchedError();
    if (ctx.cancelled?.()) throw new Error('rekognition: FindMe is shutting down');
    await new Promise((r) => setTimeout(r, Math.min(250, until - Date.now())));
  }
}
