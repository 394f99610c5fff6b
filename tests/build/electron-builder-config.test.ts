// electron-builder.yml is valid against electron-builder's own JSON schema, and says what the
// installers need: NSIS x64+arm64, DMG arm64+x64, AppImage, native modules and weights unpacked.
import { Ajv } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { expect, it } from 'vitest';
import { packageRoot } from '../../server/util/app-paths.js';

const root = packageRoot();
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));

it('validates against app-builder-lib/scheme.json', () => {
  const schemaPath = createRequire(join(root, 'package.json')).resolve('app-builder-lib/scheme.json');
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
  expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  // the schema rejects unknown keys: prove it bites
  expect(validate({ ...config, notAnOption: true })).toBe(false);
});

it('targets Windows, macOS and Linux with native modules and weights unpacked', () => {
  expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
  expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);
  expect(config.linux.target).toBe('AppImage');
  for (const part of ['better-sqlite3', 'sharp', 'face-api/model', 'dist/server', 'onnxruntime-node/bin']) {
    expect(
      config.asarUnpack.some((p: string) => p.includes(part)),
      part,
    ).toBe(true);
  }
  expect(existsSync(join(root, config.icon))).toBe(true);
});

it("keeps in each installer only its own platform's ONNX Runtime binaries", () => {
  const platforms = { win: 'win32', mac: 'darwin', linux: 'linux' } as const;
  for (const [key, own] of Object.entries(platforms)) {
    const excluded = (config[key].files as string[]).join(' ');
    for (const other of Object.values(platforms)) expect(excluded.includes(other), `${key} excludes ${other}`).toBe(other !== own);
  }
});
