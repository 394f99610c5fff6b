// Every face of an event photo, found and described. The image worker and the face
// evaluation both call this: what is measured is what runs.
//
// Finding: SSD MobileNet v1 on the ≤1600 px rendition (as v1: good boxes for large and cut
// faces, few false alarms), then BlazeFace full-range on a 1200 px level for the small faces
// SSD cannot see (down to about 40 px in a 24 MP frame). Describing: each face is read from
// the ≤1600 px rendition when it is large there, and from the full-resolution original when it
// is small (a 40 px face keeps 40 px of detail instead of 11): the full decode happens at most
// once, and only when needed.
// Boxes come back in pixels of the oriented original.
import sharp from 'sharp';
import type { RawImage } from '../images/renditions.js';
import { mergeBoxes, type ScoredBox } from './face-boxes.js';
import type { DetectedFace, FaceBox } from './face-engine.js';
import type { LocalFaceModel, RgbImage } from './local-face-model.js';

export const PHOTO_FACES = {
  fineLongSide: 1200,
  /**
   * BlazeFace's finds wider than this (rendition pixels) are left to SSD, which sees such faces
   * reliably (about 20 px in its 512 px input) with far fewer false alarms: on the fixtures,
   * every BlazeFace-only box from 60 to 100 px was a false alarm.
   */
  smallFaceMax: 60,
  minScore: 0.5,
  /** A face narrower than this in the rendition is described from the original's pixels. */
  fullResBelow: 60,
  /** The most faces described in one photo (largest first): bounds a photo's cost. */
  maxFaces: 80,
} as const;

/** The image shrunk to `longSide` (never enlarged), with the scale used. */
export async function level(img: RgbImage, longSide: number): Promise<RgbImage & { scale: number }> {
  const scale = Math.min(1, longSide / Math.max(img.width, img.height));
  if (scale === 1) return { ...img, scale };
  const width = Math.max(32, Math.round(img.width * scale));
  const height = Math.max(32, Math.round(img.height * scale));
  const data = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer();
  return { data, width, height, scale: width / img.width };
}

const scaled = (b: FaceBox, k: number): FaceBox => ({ x: b.x * k, y: b.y * k, width: b.width * k, height: b.height * k });
const rounded = (b: FaceBox): FaceBox => ({ x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) });

/** Face boxes in the rendition's pixels. */
export async function findFaceBoxes(model: LocalFaceModel, img: RgbImage, o = PHOTO_FACES): Promise<ScoredBox[]> {
  const large = await model.ssdBoxes(img);
  const fine = await level(img, o.fineLongSide);
  const small: ScoredBox[] = [];
  for (const d of await model.findBoxes(fine, o.minScore)) {
    const box = scaled(d.box, 1 / fine.scale);
    if (box.width < o.smallFaceMax) small.push({ score: d.score, box });
  }
  // SSD's box wins where both saw a face: it frames cut and turned faces better.
  const merged = mergeBoxes([...large.map((d) => ({ ...d, score: d.score + 1 })), ...small]);
  return merged.map((d) => ({ ...d, score: d.score > 1 ? d.score - 1 : d.score }));
}

export async function findPhotoFaces(model: LocalFaceModel, img: RawImage, loadFull: () => Promise<RawImage>, o = PHOTO_FACES): Promise<DetectedFace[]> {
  const toOriginal = img.originalWidth / img.width;
  const boxes = (await findFaceBoxes(model, img, o)).sort((a, b) => b.box.width - a.box.width).slice(0, o.maxFaces);
  let full: RawImage | undefined;
  const faces: DetectedFace[] = [];
  for (const { box, score } of boxes) {
    let descriptor: Float32Array | null;
    if (box.width >= o.fullResBelow || toOriginal <= 1.05) {
      descriptor = await model.describe(img, box);
    } else {
      full ??= await loadFull();
      descriptor = await model.describe(full, scaled(box, full.width / img.width));
    }
    if (descriptor) faces.push({ box: rounded(scaled(box, toOriginal)), score, descriptor });
  }
  return faces;
}
