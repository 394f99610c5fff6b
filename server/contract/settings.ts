// Operator settings: their schema, limits and defaults live here so the server (validation,
// config) and the dashboard (forms) read the same numbers.
import { Type, type Static } from 'typebox';
import { ID_PATTERN, SETTING_LIMITS } from './limits.js';

export { SETTING_LIMITS };

export const FaceEngineName = Type.Union([Type.Literal('local'), Type.Literal('rekognition')]);
export type FaceEngineName = Static<typeof FaceEngineName>;

export const Settings = Type.Object({
  bcryptRounds: Type.Integer({ minimum: SETTING_LIMITS.bcryptRounds.min, maximum: SETTING_LIMITS.bcryptRounds.max }),
  workers: Type.Integer({ minimum: SETTING_LIMITS.workers.min, maximum: SETTING_LIMITS.workers.max }),
  matchThreshold: Type.Number({ minimum: SETTING_LIMITS.matchThreshold.min, maximum: SETTING_LIMITS.matchThreshold.max }),
  faceEngine: FaceEngineName,
  /** Per-event choice of engine, by event id; an event not listed uses `faceEngine`. */
  eventFaceEngines: Type.Record(Type.String({ pattern: ID_PATTERN }), FaceEngineName, {
    additionalProperties: false,
    maxProperties: 10_000,
    description: 'event id → engine; overrides faceEngine for that event',
  }),
  rekognitionConcurrency: Type.Integer({
    minimum: SETTING_LIMITS.rekognitionConcurrency.min,
    maximum: SETTING_LIMITS.rekognitionConcurrency.max,
  }),
  rekognitionTps: Type.Integer({ minimum: SETTING_LIMITS.rekognitionTps.min, maximum: SETTING_LIMITS.rekognitionTps.max }),
  rekognitionFaceMatchThreshold: Type.Number({
    minimum: SETTING_LIMITS.rekognitionFaceMatchThreshold.min,
    maximum: SETTING_LIMITS.rekognitionFaceMatchThreshold.max,
  }),
  rekognitionRegion: Type.String({
    pattern: '^([a-z]{2}(-[a-z]+)+-[0-9]{1,2})?$',
    maxLength: 32,
    description: 'empty: from the AWS chain (AWS_REGION, profile)',
  }),
  rekognitionAccessKeyId: Type.String({ pattern: '^[A-Za-z0-9]{0,128}$', description: 'empty: credentials from the AWS chain (env, profile, role)' }),
  rekognitionEndpoint: Type.String({ pattern: '^(https?://[^\\s]+)?$', maxLength: 2048, description: 'empty: the regional AWS endpoint' }),
  language: Type.Union([Type.Literal('en'), Type.Literal('fr')]),
  retentionDays: Type.Integer({
    minimum: SETTING_LIMITS.retentionDays.min,
    maximum: SETTING_LIMITS.retentionDays.max,
    description: 'events older than this many days are purged automatically; 0 keeps them until purged by hand',
  }),
  streamsPerAttendee: Type.Integer({
    minimum: SETTING_LIMITS.streamsPerAttendee.min,
    maximum: SETTING_LIMITS.streamsPerAttendee.max,
    description: 'live streams one attendee may hold at once; a new one closes their oldest',
  }),
  connectionsPerAddress: Type.Integer({
    minimum: SETTING_LIMITS.connectionsPerAddress.min,
    maximum: SETTING_LIMITS.connectionsPerAddress.max,
    description: 'open sockets one client address may hold on the attendee listener',
  }),
  selfieBudget: Type.Integer({
    minimum: SETTING_LIMITS.selfieBudget.min,
    maximum: SETTING_LIMITS.selfieBudget.max,
    description: 'selfie uploads one attendee may make per selfieBudgetWindowMinutes, rejected ones included',
  }),
  selfieBudgetWindowMinutes: Type.Integer({ minimum: SETTING_LIMITS.selfieBudgetWindowMinutes.min, maximum: SETTING_LIMITS.selfieBudgetWindowMinutes.max }),
  ftpPort: Type.Integer({ minimum: SETTING_LIMITS.ftpPort.min, maximum: SETTING_LIMITS.ftpPort.max, description: "the FTP receiver's control port" }),
  ftpPassivePortMin: Type.Integer({
    minimum: SETTING_LIMITS.ftpPassivePortMin.min,
    maximum: SETTING_LIMITS.ftpPassivePortMin.max,
    description: 'first passive data port',
  }),
  ftpPassivePortMax: Type.Integer({
    minimum: SETTING_LIMITS.ftpPassivePortMax.min,
    maximum: SETTING_LIMITS.ftpPassivePortMax.max,
    description: 'last passive data port (at least ftpPassivePortMin)',
  }),
  ftpTls: Type.Boolean({ description: 'offer explicit FTPS (AUTH TLS) with a certificate made on this laptop' }),
  attendeePort: Type.Integer({ minimum: 1, maximum: 65535, description: 'applies at the next start' }),
  adminPort: Type.Integer({ minimum: 1, maximum: 65535, description: 'applies at the next start' }),
});
export type Settings = Static<typeof Settings>;

/** What GET /api/admin/settings answers: the settings, and whether a Rekognition secret is stored (never the secret). */
export const SettingsView = Type.Object({
  ...Settings.properties,
  rekognitionSecretSet: Type.Boolean({ description: 'a Rekognition secret access key is stored' }),
});
export type SettingsView = Static<typeof SettingsView>;

/**
 * A change of settings. `rekognitionSecretAccessKey` is write-only (null removes it) and goes to
 * the secret store, never to the settings table; `rekognitionSecretSet` is accepted and ignored
 * so that a form can send back what it read.
 */
export const SettingsPatch = Type.Partial(
  Type.Object({
    ...Settings.properties,
    rekognitionSecretAccessKey: Type.Union([Type.String({ minLength: 1, maxLength: 256 }), Type.Null()]),
    rekognitionSecretSet: Type.Boolean(),
  }),
  { additionalProperties: false },
);
export type SettingsPatch = Static<typeof SettingsPatch>;
