// Whether an image file arrived whole: a transfer cut off mid-file can still have a readable
// header, so the end of the file is checked against what its format says must be there.
import { open } from 'node:fs/promises';

const TAIL = 64 * 1024;

/** True when the file ends the way its format requires (JPEG end-of-image, PNG IEND, WebP RIFF size). */
export async function isCompleteImage(path: string, format: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const length = Math.min(size, TAIL);
    const tail = Buffer.alloc(length);
    await file.read(tail, 0, length, size - length);
    if (format === 'jpeg') return jpegEnds(tail);
    if (format === 'png') return tail.length >= 12 && tail.subarray(-8, -4).toString('latin1') === 'IEND';
    if (format === 'webp') {
      const head = Buffer.alloc(8);
      await file.read(head, 0, 8, 0);
      return head.toString('latin1', 0, 4) === 'RIFF' && head.readUInt32LE(4) + 8 <= size;
    }
    return true;
  } finally {
    await file.close();
  }
}

// A JPEG ends with FF D9; some writers pad after it with 0x00 or 0xFF fill.
function jpegEnds(tail: Buffer): boolean {
  let end = tail.length;
  while (end > 0 && (tail[end - 1] === 0x00 || tail[end - 1] === 0xff)) end--;
  return end >= 2 && tail[end - 2] === 0xff && tail[end - 1] === 0xd9;
}
