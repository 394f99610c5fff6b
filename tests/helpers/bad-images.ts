// Broken and hostile image files, made on the fly.
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { fixture } from './fixtures.js';

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A valid PNG header that claims 30000 × 30000 pixels (a decompression bomb's calling card). */
export function pngBombHeader(width = 30000, height = 30000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', Buffer.alloc(64)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export async function badImages(): Promise<{ name: string; bytes: Buffer }[]> {
  const jpeg = readFileSync(fixture('photos/obama1.jpg'));
  return [
    { name: 'zero-bytes.jpg', bytes: Buffer.alloc(0) },
    { name: 'truncated.jpg', bytes: jpeg.subarray(0, Math.floor(jpeg.length / 2)) },
    { name: 'text-named.jpg', bytes: Buffer.from('this is not an image, just text pretending\n'.repeat(20)) },
    { name: 'bomb.png', bytes: pngBombHeader() },
    {
      name: 'animated.gif',
      bytes: await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c33' } })
        .gif()
        .toBuffer(),
    },
  ];
}
