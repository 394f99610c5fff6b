// A selfie that is a crowd (a mosaic of many faces) is refused by the cheap first look, before
// every face is described; a real selfie and a two-person photo go through the full check.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import run from '../../../server/workers/image.worker.js';
import type { SelfieResult } from '../../../server/workers/image-tasks.js';
import { FIXTURES, manifest } from '../../helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'findme-firstlook-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SCALE = join(FIXTURES, '..', 'scale');

async function mosaic(): Promise<string> {
  const manifest = JSON.parse(readFileSync(join(SCALE, 'manifest.json'), 'utf8')) as { strangers: string[] };
  const cells = await Promise.all(manifest.strangers.slice(0, 16).map((rel) => sharp(join(SCALE, rel)).resize(200, 200).toBuffer()));
  const path = join(dir, 'mosaic.jpg');
  await sharp({ create: { width: 800, height: 800, channels: 3, background: '#777' } })
    .composite(cells.map((input, i) => ({ input, left: (i % 4) * 200, top: Math.floor(i / 4) * 200 })))
    .jpeg()
    .toFile(path);
  return path;
}

const check = (uploadPath: string, name: string) => run({ kind: 'selfie', uploadPath, outputPath: join(dir, `${name}.jpg`) }) as Promise<SelfieResult>;

describe("the selfie check's first look", () => {
  it('refuses a mosaic of 16 faces at the first look', async () => {
    const r = await check(await mosaic(), 'mosaic');
    expect(r).toMatchObject({ accepted: false, reason: 'several_faces', atFirstLook: true });
  });

  it('lets a real selfie and a two-person photo through to the full check', async () => {
    expect(await check(join(FIXTURES, 'selfies', 'obama.jpg'), 'obama')).toMatchObject({ accepted: true });
    const two = await check(join(FIXTURES, 'photos', 'two_people.jpg'), 'two');
    expect(two).toMatchObject({ accepted: false, reason: 'several_faces' });
    expect(two).not.toHaveProperty('atFirstLook');
  });

  it('never stops a fixture photo of one or two people', async () => {
    for (const [rel, { faces }] of Object.entries(manifest.photos)) {
      if (faces.length > 2) continue;
      expect(await check(join(FIXTURES, rel), rel.replace(/\W/g, '_')), rel).not.toHaveProperty('atFirstLook');
    }
  });
});
