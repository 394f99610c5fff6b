// Operator settings: their schema, limits and defaults live here so the server (validation,
// config) and the dashboard (forms) read the same numbers.
import { Type, type Static } from 'typebox';

export const SETTING_LIMITS = {
  bcryptRounds: { min: 10, max: 14, default: 10 },
  workers: { min: 1, max: 16 },
  matchThreshold: { min: 0.3, max: 0.7, default: 0.55 },
  rekognitionConcurrency: { min: 1, max: 50, default: 10 },
  retentionDays: { min: 0, max: 3650, default: 0 },
} as const;

export const FaceEngineName = Type.Union([Type.Literal('local'), Type.Literal('rekognition')]);
export type FaceEngineName = Static<typeof FaceEngineName>;

export const Settings = Type.Object({
  bcryptRounds: Type.Integer({ minimum: SETTING_LIMITS.bcryptRounds.min, maximum: SETTING_LIMITS.bcryptRounds.max }),
  workers: Type.Integer({ minimum: SETTING_LIMITS.workers.min, maximum: SETTING_LIMITS.workers.max }),
  matchThreshold: Type.Number({ minimum: SETTING_LIMITS.matchThreshold.min, maximum: SETTING_LIMITS.matchThreshold.max }),
  faceEngine: FaceEngineName,
  rekognitionConcurrency: Type.Integer({
    minimum: SETTING_LIMITS.rekognitionConcurrency.min, maximum: SETTING_LIMITS.rekognitionConcurrency.max,
  }),
  language: Type.Union([Type.Literal('en'), Type.Literal('fr')]),
  retentionDays: Type.Integer({
    minimum: SETTING_LIMITS.retentionDays.min, maximum: SETTING_LIMITS.retentionDays.max,
    description: 'events older than this many days are purged automatically; 0 keeps them until purged by hand',
  }),
  attendeePort: Type.Integer({ minimum: 1, maximum: 65535, description: 'applies at the next start' }),
  adminPort: Type.Integer({ minimum: 1, maximum: 65535, description: 'applies at the next start' }),
});
export type Settings = Static<typeof Settings>;

export const SettingsPatch = Type.Partial(Settings, { additionalProperties: false });
export type SettingsPatch = Static<typeof SettingsPatch>;
