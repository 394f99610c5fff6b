// Configuration, read and validated once at start: environment over saved settings over defaults.
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Value } from 'typebox/value';
import { SETTING_LIMITS, Settings } from './contract/settings.js';

export class ConfigError extends Error {}

export interface Config {
  dataDir: string;
  attendeeHost: string;
  adminHost: '127.0.0.1';
  adminToken: string;
  /** True when no FINDME_ADMIN_TOKEN was given and one was made for this run. */
  adminTokenGenerated: boolean;
  logLevel: string;
  /** Requests per minute per client address. */
  rateLimits: { login: number; register: number; selfie: number; gallery: number; availability: number; wall: number; reset: number };
  /** Settings from the environment; they win over saved ones. */
  settingsFromEnv: Partial<Settings>;
}

/** Requests per minute per client address, by route family. */
export const DEFAULT_RATE_LIMITS = { login: 300, register: 300, selfie: 300, gallery: 6000, availability: 1200, wall: 600, reset: 20 };

export function defaultSettings(cores = availableParallelism()): Settings {
  return {
    bcryptRounds: SETTING_LIMITS.bcryptRounds.default,
    workers: Math.min(Math.max(cores, SETTING_LIMITS.workers.min), SETTING_LIMITS.workers.max),
    matchThreshold: SETTING_LIMITS.matchThreshold.default,
    faceEngine: 'local',
    eventFaceEngines: {},
    rekognitionConcurrency: SETTING_LIMITS.rekognitionConcurrency.default,
    rekognitionTps: SETTING_LIMITS.rekognitionTps.default,
    rekognitionFaceMatchThreshold: SETTING_LIMITS.rekognitionFaceMatchThreshold.default,
    rekognitionRegion: '',
    rekognitionAccessKeyId: '',
    rekognitionEndpoint: '',
    language: 'en',
    retentionDays: SETTING_LIMITS.retentionDays.default,
    streamsPerAttendee: SETTING_LIMITS.streamsPerAttendee.default,
    connectionsPerAddress: SETTING_LIMITS.connectionsPerAddress.default,
    selfieBudget: SETTING_LIMITS.selfieBudget.default,
    selfieBudgetWindowMinutes: SETTING_LIMITS.selfieBudgetWindowMinutes.default,
    ftpPort: SETTING_LIMITS.ftpPort.default,
    ftpPassivePortMin: SETTING_LIMITS.ftpPassivePortMin.default,
    ftpPassivePortMax: SETTING_LIMITS.ftpPassivePortMax.default,
    ftpTls: false,
    attendeePort: 8080,
    adminPort: 8081,
  };
}

const ENV_SETTINGS: Record<string, keyof Settings> = {
  FINDME_PORT: 'attendeePort',
  FINDME_ADMIN_PORT: 'adminPort',
  FINDME_WORKERS: 'workers',
  FINDME_BCRYPT_ROUNDS: 'bcryptRounds',
  FINDME_MATCH_THRESHOLD: 'matchThreshold',
  FINDME_FACE_ENGINE: 'faceEngine',
  FINDME_RETENTION_DAYS: 'retentionDays',
  FINDME_REKOGNITION_REGION: 'rekognitionRegion',
  FINDME_REKOGNITION_ENDPOINT: 'rekognitionEndpoint',
  FINDME_REKOGNITION_CONCURRENCY: 'rekognitionConcurrency',
  FINDME_REKOGNITION_TPS: 'rekognitionTps',
  FINDME_REKOGNITION_THRESHOLD: 'rekognitionFaceMatchThreshold',
  FINDME_STREAMS_PER_ATTENDEE: 'streamsPerAttendee',
  FINDME_CONNECTIONS_PER_ADDRESS: 'connectionsPerAddress',
  FINDME_SELFIE_BUDGET: 'selfieBudget',
  FINDME_SELFIE_BUDGET_WINDOW_MINUTES: 'selfieBudgetWindowMinutes',
  FINDME_FTP_PORT: 'ftpPort',
  FINDME_FTP_PASSIVE_MIN: 'ftpPassivePortMin',
  FINDME_FTP_PASSIVE_MAX: 'ftpPassivePortMax',
  FINDME_FTP_TLS: 'ftpTls',
};
// Read as text; the others are numbers. AWS keys come from the SDK's own chain (AWS_ACCESS_KEY_ID…).
const TEXT_SETTINGS = new Set<keyof Settings>(['faceEngine', 'rekognitionRegion', 'rekognitionEndpoint']);
const BOOLEAN_SETTINGS = new Set<keyof Settings>(['ftpTls']);
const BOOLEAN_WORDS: Record<string, boolean> = { true: true, 1: true, on: true, yes: true, false: false, 0: false, off: false, no: false };

/** Where the local face nets run: ONNX Runtime (the default) or TensorFlow.js' WebAssembly backend. */
export const FACE_RUNTIMES = ['onnx', 'tfjs'];

export function readConfig(env: NodeJS.ProcessEnv, fallbackDataDir: string): Config {
  const settingsFromEnv: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV_SETTINGS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = TEXT_SETTINGS.has(key) ? raw : BOOLEAN_SETTINGS.has(key) ? BOOLEAN_WORDS[raw.toLowerCase()] : Number(raw);
    const schema = Settings.properties[key];
    if (!Value.Check(schema, value)) throw new ConfigError(`${name}=${raw} is not valid (${describe(schema as unknown as SchemaBounds)})`);
    settingsFromEnv[key] = value;
  }
  // Read by each image worker thread (server/faces/local-face-model.ts); checked here, at start.
  const runtime = env.FINDME_FACE_RUNTIME;
  if (runtime && !FACE_RUNTIMES.includes(runtime)) throw new ConfigError(`FINDME_FACE_RUNTIME=${runtime} is not valid (one of: ${FACE_RUNTIMES.join(', ')})`);
  const token = env.FINDME_ADMIN_TOKEN;
  if (token !== undefined && token.length < 16) throw new ConfigError('FINDME_ADMIN_TOKEN must be at least 16 characters');
  return {
    dataDir: resolve(env.FINDME_DATA_DIR || fallbackDataDir),
    attendeeHost: env.FINDME_HOST || '0.0.0.0',
    adminHost: '127.0.0.1',
    adminToken: token ?? randomBytes(24).toString('base64url'),
    adminTokenGenerated: token === undefined,
    logLevel: env.FINDME_LOG_LEVEL || 'info',
    rateLimits: {
      // Ceilings for a whole group behind one router (a venue's NAT): guessing is stopped per
      // account (security/login-throttle.ts) and overload is shed with 503 + Retry-After.
      login: positiveInt(env, 'FINDME_RATE_LIMIT_LOGIN', DEFAULT_RATE_LIMITS.login),
      register: positiveInt(env, 'FINDME_RATE_LIMIT_REGISTER', DEFAULT_RATE_LIMITS.register),
      selfie: positiveInt(env, 'FINDME_RATE_LIMIT_SELFIE', DEFAULT_RATE_LIMITS.selfie),
      gallery: positiveInt(env, 'FINDME_RATE_LIMIT_GALLERY', DEFAULT_RATE_LIMITS.gallery),
      availability: positiveInt(env, 'FINDME_RATE_LIMIT_AVAILABILITY', DEFAULT_RATE_LIMITS.availability),
      // The wall page: a list every few seconds and each new photo once, per screen.
      wall: positiveInt(env, 'FINDME_RATE_LIMIT_WALL', DEFAULT_RATE_LIMITS.wall),
      // Password resets are rare, and their codes are not to be guessed.
      reset: positiveInt(env, 'FINDME_RATE_LIMIT_RESET', DEFAULT_RATE_LIMITS.reset),
    },
    settingsFromEnv: settingsFromEnv as Partial<Settings>,
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${name}=${raw} must be a positive integer`);
  return n;
}

interface SchemaBounds {
  minimum?: number;
  maximum?: number;
  anyOf?: { const?: unknown }[];
  pattern?: string;
  type?: string;
}

function describe(schema: SchemaBounds): string {
  if (schema.type === 'boolean') return 'true or false';
  if (schema.pattern) return `text matching ${schema.pattern}`;
  if (schema.anyOf) return `one of ${schema.anyOf.map((s) => String(s.const)).join(', ')}`;
  return `a number from ${schema.minimum} to ${schema.maximum}`;
}
