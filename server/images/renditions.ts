// Image work done in the worker threads: decode once (EXIF orientation applied), then the
// preview, the thumbnail and the pixels the face detector reads.
import sharp from 'sharp';
import { writeFileAtomic } from '../util/atomic-file.js';
import { MAX_INPUT_PIXELS } from './image-probe.js';

export const PREVIEW_MAX = 1600;
export const THUMB_MAX = 400;
export const SELFIE_MAX = 600;
export const SELFIE_MAX_BYTES = 200 * 1024;
/** Faces are looked for on a version this large: 80 px faces in group photos stay findable. */
export const DETECT_MAX = 1600;
export const SELFIE_DETECT_MAX = 800;
/** decodeRgb's `max` for the original's own size (small faces are described from it). */
export const FULL_RESOLUTION = 100_000;

export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  /** Size of the oriented original. */
  originalWidth: number;
  originalHeight: number;
}

/** Decodes, orients and shrinks to fit `max`, as 3-channel RGB. Throws on a broken file. */
export async function decodeRgb(input: string | Buffer, max: number): Promise<RawImage> {
  const image = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning', pages: 1 });
  const meta = await image.metadata();
  const swap = (meta.orientation ?? 1) >= 5;
  const originalWidth = (swap ? meta.height : meta.width) ?? 0;
  const originalHeight = (swap ? meta.width : meta.height) ?? 0;
  const { data, info } = await image
    .rotate()
    .resize(max, max, { fit: 'inside', withoutEnlargement: true })
    .removeAlpha()
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, originalWidth, originalHeight };
}

const fromRaw = (img: RawImage) => sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });

export async function encodeJpeg(img: RawImage, max: number, quality: number): Promise<Buffer> {
  return fromRaw(img).resize(max, max, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality, mozjpeg: false }).toBuffer();
}

/** Preview (≤1600 px) and thumbnail (≤400 px), each written whole or not at all. */
export async function writePhotoRenditions(img: RawImage, previewPath: string, thumbPath: string): Promise<void> {
  const [preview, thumb] = await Promise.all([encodeJpeg(img, PREVIEW_MAX, 82), encodeJpeg(img, THUMB_MAX, 78)]);
  await Promise.all([writeFileAtomic(previewPath, preview), writeFileAtomic(thumbPath, thumb)]);
}

/** The stored selfie: JPEG, ≤600 px, ≤200 KB, no metadata. */
export async function writeSelfie(img: RawImage, path: string): Promise<void> {
  let out: Buffer | undefined;
  for (const quality of [82, 72, 62, 50, 40]) {
    out = await encodeJpeg(img, SELFIE_MAX, quality);
    if (out.length <= SELFIE_MAX_BYTES) break;
  }
  await writeFileAtomic(path, out!);
}
