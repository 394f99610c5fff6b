// Configuration: environment over saved settings over defaults, checked once at start.
import { expect, it } from 'vitest';
import { ConfigError, defaultSettings, readConfig } from '../../server/config.js';

it('reads the documented variables', () => {
  const c = readConfig({ FINDME_DATA_DIR: '/tmp/x', FINDME_PORT: '9000', FINDME_ADMIN_PORT: '9001', FINDME_ADMIN_TOKEN: 'a-long-enough-token' }, '/fallback');
  expect(c.dataDir).toBe('/tmp/x');
  expect(c.settingsFromEnv).toEqual({ attendeePort: 9000, adminPort: 9001 });
  expect(c.adminToken).toBe('a-long-enough-token');
  expect(c.adminTokenGenerated).toBe(false);
  expect(c.adminHost).toBe('127.0.0.1');
});

it('generates an admin token and uses the fallback data folder when none is given', () => {
  const c = readConfig({}, '/fallback');
  expect(c.dataDir).toBe('/fallback');
  expect(c.adminToken.length).toBeGreaterThanOrEqual(32);
  expect(c.adminTokenGenerated).toBe(true);
  expect(readConfig({}, '/fallback').adminToken).not.toBe(c.adminToken);
});

it('refuses invalid values with a message naming the variable', () => {
  expect(() => readConfig({ FINDME_PORT: 'eighty' }, '/f')).toThrow(/FINDME_PORT=eighty/);
  expect(() => readConfig({ FINDME_PORT: '70000' }, '/f')).toThrow(ConfigError);
  expect(() => readConfig({ FINDME_BCRYPT_ROUNDS: '4' }, '/f')).toThrow(/FINDME_BCRYPT_ROUNDS=4 is not valid \(a number from 10 to 14\)/);
  expect(() => readConfig({ FINDME_FACE_ENGINE: 'magic' }, '/f')).toThrow(/one of local, rekognition/);
  expect(() => readConfig({ FINDME_ADMIN_TOKEN: 'short' }, '/f')).toThrow(/at least 16/);
  expect(() => readConfig({ FINDME_FACE_RUNTIME: 'gpu' }, '/f')).toThrow(/FINDME_FACE_RUNTIME=gpu is not valid \(one of: onnx, tfjs\)/);
  for (const runtime of ['onnx', 'tfjs', '']) expect(() => readConfig({ FINDME_FACE_RUNTIME: runtime }, '/f')).not.toThrow();
});

it('defaults workers to the core count and bcrypt to cost 10', () => {
  expect(defaultSettings(4)).toMatchObject({ workers: 4, bcryptRounds: 10, faceEngine: 'local', attendeePort: 8080, adminPort: 8081 });
  expect(defaultSettings(64).workers).toBe(16);
});
