// A cheap first look at an uploaded file: its real format and size from its header, whatever
// its name or declared type. The full decode happens later, in a worker.
import sharp, { type Metadata } from 'sharp';

/** Decompression-bomb guard: no image above this many pixels is decoded. */
export const MAX_INPUT_PIXELS = 120_000_000;
export const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);

export type ImageProblem = 'unreadable_image' | 'unsupported_format' | 'image_too_large';

export interface ProbeResult {
  ok: boolean;
  problem?: ImageProblem;
  message?: string;
  format?: string;
  width?: number;
  height?: number;
}

export const PROBLEM_MESSAGES: Record<ImageProblem, string> = {
  unreadable_image: 'This file is not a readable image.',
  unsupported_format: 'Only JPEG, PNG and WebP images are accepted.',
  image_too_large: `This image has too many pixels (more than ${MAX_INPUT_PIXELS / 1e6} megapixels).`,
};

export async function probeImage(input: string | Buffer): Promise<ProbeResult> {
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, problem: 'unreadable_image', message: PROBLEM_MESSAGES.unreadable_image };
  }
  const { format, width, height } = meta;
  if (!format || !ACCEPTED_FORMATS.has(format)) return { ok: false, problem: 'unsupported_format', message: PROBLEM_MESSAGES.unsupported_format, format };
  if (!width || !height) return { ok: false, problem: 'unreadable_image', message: PROBLEM_MESSAGES.unreadable_image, format };
  if (width * height > MAX_INPUT_PIXELS) return { ok: false, problem: 'image_too_large', message: PROBLEM_MESSAGES.image_too_large, format, width, height };
  return { ok: true, format, width, height };
}

/** The extension a stored original gets, from its real format. */
export const extensionFor = (format: string) => (format === 'jpeg' ? '.jpg' : `.${format}`);
