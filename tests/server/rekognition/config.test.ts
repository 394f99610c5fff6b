// The Rekognition settings: defaults, environment variables, limits.
import { Value } from 'typebox/value';
import { expect, it } from 'vitest';
import { defaultSettings, readConfig } from '../../../server/config.js';
import { Settings, SettingsPatch } from '../../../server/contract/settings.js';

it('defaults to a strict threshold, 10 calls in flight and 5 per second, keys from the AWS chain', () => {
  expect(defaultSettings(2)).toMatchObject({
    faceEngine: 'local',
    eventFaceEngines: {},
    rekognitionConcurrency: 10,
    rekognitionTps: 5,
    rekognitionFaceMatchThreshold: 95,
    rekognitionRegion: '',
    rekognitionAccessKeyId: '',
    rekognitionEndpoint: '',
  });
});

it('reads the FINDME_REKOGNITION_* variables and refuses bad ones', () => {
  const c = readConfig(
    {
      FINDME_FACE_ENGINE: 'rekognition',
      FINDME_REKOGNITION_REGION: 'eu-west-1',
      FINDME_REKOGNITION_ENDPOINT: 'http://127.0.0.1:4566',
      FINDME_REKOGNITION_CONCURRENCY: '20',
      FINDME_REKOGNITION_TPS: '50',
      FINDME_REKOGNITION_THRESHOLD: '98.5',
    },
    '/f',
  );
  expect(c.settingsFromEnv).toEqual({
    faceEngine: 'rekognition',
    rekognitionRegion: 'eu-west-1',
    rekognitionEndpoint: 'http://127.0.0.1:4566',
    rekognitionConcurrency: 20,
    rekognitionTps: 50,
    rekognitionFaceMatchThreshold: 98.5,
  });
  expect(() => readConfig({ FINDME_REKOGNITION_THRESHOLD: '70' }, '/f')).toThrow(/FINDME_REKOGNITION_THRESHOLD=70/);
  expect(() => readConfig({ FINDME_REKOGNITION_REGION: 'Mars 1' }, '/f')).toThrow(/FINDME_REKOGNITION_REGION/);
  expect(() => readConfig({ FINDME_REKOGNITION_ENDPOINT: 'ftp://x' }, '/f')).toThrow(/FINDME_REKOGNITION_ENDPOINT/);
});

it('takes per-event engines by event id only, and the secret only in a change', () => {
  const ok = { ...defaultSettings(2), eventFaceEngines: { 'abc-123': 'rekognition' } };
  expect(Value.Check(Settings, ok)).toBe(true);
  expect(Value.Check(Settings, { ...ok, eventFaceEngines: { '../x': 'local' } })).toBe(false);
  expect(Value.Check(Settings, { ...ok, eventFaceEngines: { 'abc-123': 'magic' } })).toBe(false);
  expect(Value.Check(SettingsPatch, { rekognitionSecretAccessKey: 'x', rekognitionSecretSet: true })).toBe(true);
  expect(Value.Check(SettingsPatch, { rekognitionSecretAccessKey: null })).toBe(true);
  expect(Value.Check(SettingsPatch, { rekognitionSecret: 'x' })).toBe(false);
});
