// An event's logo as the operator sent it → a PNG at most LOGO_MAX_SIDE px on its longer side.
// Re-encoding drops whatever else the file held (metadata, trailing bytes, animation frames).
import sharp from 'sharp';
import { AppError } from '../util/app-error.js';
import { MAX_INPUT_PIXELS, probeImage } from './image-probe.js';

export const LOGO_MAX_SIDE = 512;
/** What the operator may send (the stored PNG is far smaller). */
export const MAX_LOGO_BYTES = 10 * 1024 * 1024;

export async function encodeLogo(input: Buffer): Promise<{ png: Buffer; width: number; height: number }> {
  const probe = await probeImage(input);
  if (!probe.ok) {
    throw new AppError(
      400,
      probe.problem === 'image_too_large' ? 'image_too_large' : 'unreadable_image',
      probe.problem === 'unsupported_format' ? 'Please send the logo as a PNG, JPEG or WebP image.' : probe.message!,
    );
  }
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate() // a photo of a logo taken on a phone: its EXIF orientation applied
      .resize(LOGO_MAX_SIDE, LOGO_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true });
    return { png: data, width: info.width, height: info.height };
  } catch {
    // The header was fine but the pixels are not (a cut-off file).
    throw new AppError(400, 'unreadable_image', 'This file is not a readable image.');
  }
}
