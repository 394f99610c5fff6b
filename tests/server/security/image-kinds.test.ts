// Images of every awkward kind: processed when they can be, refused with a clear reason when
// not, and the queue goes on.
import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pngBombHeader } from '../../helpers/bad-images.js';
import { fixture, uploadPhotos, waitForIdle } from '../../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: { FINDME_WORKERS: '1' } });
});
afterAll(() => s.close());

it('processes CMYK, 16-bit, grayscale and metadata-heavy images; refuses the rest with a reason', async () => {
  const event = await s.createEvent('Kinds');
  const src = readFileSync(fixture('photos/obama1.jpg'));
  const hugeComment = 'x'.repeat(60_000);
  const good = [
    { name: 'cmyk.jpg', bytes: await sharp(src).toColourspace('cmyk').jpeg().toBuffer() },
    { name: 'sixteen-bit.png', bytes: await sharp(src).resize(800).toColourspace('rgb16').png().toBuffer() },
    { name: 'grayscale.jpg', bytes: await sharp(src).grayscale().jpeg().toBuffer() },
    {
      name: 'metadata.jpg',
      bytes: await sharp(src)
        .withExif({ IFD0: { ImageDescription: hugeComment, Copyright: hugeComment } })
        .jpeg()
        .toBuffer(),
    },
    { name: 'rotated.jpg', bytes: await sharp(src).withMetadata({ orientation: 6 }).jpeg().toBuffer() },
    { name: 'photo.webp', bytes: await sharp(src).webp().toBuffer() },
  ];
  const animatedWebp = await sharp(src, { animated: false }).resize(200).webp().toBuffer();
  const bad = [
    {
      name: 'animated.gif',
      bytes: await sharp({ create: { width: 40, height: 40, channels: 3, background: '#00f' } })
        .gif()
        .toBuffer(),
      reason: /JPEG, PNG and WebP/,
    },
    { name: 'huge-dimensions.png', bytes: pngBombHeader(60000, 60000), reason: /too many pixels/ },
    { name: 'wrong-magic.jpg', bytes: Buffer.concat([Buffer.from('GIF89a'), src.subarray(6)]), reason: /readable|JPEG, PNG/ },
    { name: 'tiff.jpg', bytes: await sharp(src).tiff().toBuffer(), reason: /JPEG, PNG and WebP/ },
  ];
  const res = await uploadPhotos(s, event.id, [...good, ...bad, { name: 'small.webp', bytes: animatedWebp }]);
  expect(res.status).toBe(202);
  await waitForIdle(s);
  const photos = (await s.admin('GET', `/api/admin/events/${event.id}/photos`)).body.photos as {
    fileName: string;
    status: string;
    faceCount: number;
    error?: string;
  }[];
  const byName = new Map(photos.map((p) => [p.fileName, p]));
  for (const g of good) {
    expect(byName.get(g.name)?.status, g.name).toBe('done');
    expect(byName.get(g.name)?.faceCount, g.name).toBe(1);
  }
  for (const b of bad) {
    expect(byName.get(b.name)?.status, b.name).toBe('failed');
    expect(byName.get(b.name)?.error, b.name).toMatch(b.reason);
  }
  expect(byName.get('small.webp')?.status).toMatch(/done|no_faces/);
});
