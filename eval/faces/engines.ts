// The engines the evaluation compares, by id. Each is the product's code with one profile:
// `v1` is the engine as it shipped before face engine v2 (SSD MobileNet v1 on the ≤1600 px
// rendition, descriptors read there, nearest attendee under 0.55), kept as the baseline;
// `v2` is the engine in use (server/faces/photo-faces.ts, selfie-check.ts and the active model
// profile); `v2p` is v2 before its cheaper selfie check (face-api's own pipeline on the selfie),
// the selfie check's baseline. Experiments, run when named: `v2d` and `v2t` (the selfie at 512
// and 320 px, landmarks placed from the whole-pixel crop), `v2f` (mirror-image averaging: TAR
// 0.770 vs 0.750 at 1e-4, one more descriptor per face), `v2b` (selfies described from a
// BlazeFace first look at 384 px: descriptors read from BlazeFace's looser boxes let more
// strangers through: TAR 0.479 vs 0.504 at 1e-5), `v2q` and `v2r` (the selfie at 256 and 288 px:
// 9 wrong photos at 300 attendees against v2's 7, strangers matched 0.87 % against 0.65 %;
// eval/reports/faces-2026-11-23-selfie-sizes.md).
import type { DetectedFace, FaceBox } from '../../server/faces/face-engine.js';
import { loadLocalFaceModel, type RgbImage } from '../../server/faces/local-face-model.js';
import type { MatchRule } from '../../server/faces/matcher.js';
import { PROFILE_V1, PROFILE_V2 } from '../../server/faces/model-profile.js';
import { findPhotoFaces, level } from '../../server/faces/photo-faces.js';
import { SELFIE_SSD_INPUT, judgeSelfie } from '../../server/faces/selfie-check.js';
import { FULL_RESOLUTION, decodeRgb, type RawImage } from '../../server/images/renditions.js';

export type EngineId = 'v1' | 'v2' | 'v2p' | 'v2d' | 'v2t' | 'v2f' | 'v2b' | 'v2q' | 'v2r';
/** The baseline and the engine in use; the others run when named (--engines=v1,v2,v2p,v2d,v2t,v2f,v2b,v2q,v2r). */
export const DEFAULT_ENGINES: EngineId[] = ['v1', 'v2'];
/** `selfies` and `photos` name each path: engines sharing one share its cached results. */
export const ENGINES: Record<EngineId, { label: string; rule: MatchRule; selfies: string; photos: string }> = {
  v1: {
    label: 'face-api SSD MobileNet v1 on the 1600 px rendition, dlib ResNet 128-d read there, nearest attendee under Euclidean 0.55',
    rule: PROFILE_V1.rule,
    selfies: 'ssd800-resnet128',
    photos: 'ssd1600-resnet128',
  },
  v2: {
    label: `SSD on the 1600 px rendition + BlazeFace on a 1200 px level, ResNet 128-d read from the original for small faces; selfies: SSD on a 384 px square, the one face described; ${describeRule(PROFILE_V2.rule)}`,
    rule: PROFILE_V2.rule,
    selfies: `ssdnet${SELFIE_SSD_INPUT}-describe-asfaceapi`,
    photos: 'ssdnet1600-blaze1200s60-full60-resnet128',
  },
  v2p: {
    label: "v2 before the cheaper selfie check: selfies through face-api's own pipeline (SSD at 512 px, every face described)",
    rule: PROFILE_V2.rule,
    selfies: 'ssd800-resnet128',
    photos: 'ssdnet1600-blaze1200s60-full60-resnet128',
  },
  v2d: {
    label: 'v2 with the selfie at 512 px and its landmarks placed from the whole-pixel crop (experiment)',
    rule: PROFILE_V2.rule,
    selfies: 'ssdnet512-describe',
    photos: 'ssdnet1600-blaze1200s60-full60-resnet128',
  },
  v2t: {
    label: 'v2 with the selfie at 320 px and its landmarks placed from the whole-pixel crop (experiment)',
    rule: PROFILE_V2.rule,
    selfies: 'ssdnet320-describe',
    photos: 'ssdnet1600-blaze1200s60-full60-resnet128',
  },
  v2q: {
    label: 'v2 with the selfie at 256 px (experiment)',
    rule: PROFILE_V2.rule,
    selfies: 'ssdnet256-describe-asfaceapi',
    photos: 'ssdnet1600-blaze1200s60-full60-resnet128',
  },
  v2r: {
    label: 'v2 with the selfie at 288 px (experiment)',
    rule: PROFILE_V2.rule,
    selfies: 'ssdnet288-describe-asfaceapi',
    photos: 'ssdnet1600-blaze1200s60-full60-resnet128',
  },
  v2f: {
    label: 'v2 with each descriptor the mean of the face and its mirror image (experiment)',
    rule: PROFILE_V2.rule,
    selfies: 'ssd800-describe-flip',
    photos: 'ssdnet1600-blaze1200s60-full60-resnet128-flip',
  },
  v2b: {
    label: 'v2 with selfies described from a BlazeFace first look at 384 px, SSD only when the look cannot settle (experiment)',
    rule: PROFILE_V2.rule,
    selfies: 'blaze384look-ssd800full-resnet128',
    photos: 'ssdnet1600-blaze1200s60-full60-resnet128',
  },
};

function describeRule(r: MatchRule): string {
  return `nearest attendee under ${r.metric} ${r.threshold} with a margin of ${r.margin} over the runner-up, faces ≥ ${r.minFaceWidth} px`;
}

export interface EvalEngine {
  detectSelfie(img: RawImage): Promise<DetectedFace[]>;
  detectPhoto(img: RawImage, originalPath: string): Promise<DetectedFace[]>;
}

export async function loadEngine(id: EngineId): Promise<EvalEngine> {
  const model = await loadLocalFaceModel({ faceApiPipeline: true });
  const detectSelfie = (img: RawImage) => model.detect(img.data, img.width, img.height);
  if (id === 'v1') {
    return {
      detectSelfie,
      async detectPhoto(img) {
        const k = img.originalWidth / img.width;
        return (await model.detect(img.data, img.width, img.height)).map((f) => ({
          ...f,
          box: { x: f.box.x * k, y: f.box.y * k, width: f.box.width * k, height: f.box.height * k },
        }));
      },
    };
  }
  if (id === 'v2f') {
    const flip = { ...model, describe: (img: RgbImage, box: FaceBox) => model.describe(img, box, { flip: true }) };
    return {
      async detectSelfie(img) {
        const faces: DetectedFace[] = [];
        for (const b of await model.ssdBoxes(img)) {
          const descriptor = await flip.describe(img, b.box);
          if (descriptor) faces.push({ box: b.box, score: b.score, descriptor });
        }
        return faces;
      },
      detectPhoto: (img, path) => findPhotoFaces(flip, img, () => decodeRgb(path, FULL_RESOLUTION)),
    };
  }
  const detectPhoto = (img: RawImage, path: string) => findPhotoFaces(model, img, () => decodeRgb(path, FULL_RESOLUTION));
  // The product's selfie check describes only the face it accepts; here every box is described
  // (the same descriptor for the accepted face) so that a refused crop still gives one to the pair statistics.
  const describedBoxes = (inputSize: number, asFaceApi: boolean) => async (img: RawImage) => {
    const faces: DetectedFace[] = [];
    for (const b of await model.ssdBoxes(img, inputSize)) {
      const descriptor = await model.describe(img, b.box, { asFaceApi });
      if (descriptor) faces.push({ box: b.box, score: b.score, descriptor });
    }
    return faces;
  };
  if (id === 'v2p') return { detectSelfie, detectPhoto };
  if (id === 'v2d') return { detectSelfie: describedBoxes(512, false), detectPhoto };
  if (id === 'v2t') return { detectSelfie: describedBoxes(320, false), detectPhoto };
  if (id === 'v2q') return { detectSelfie: describedBoxes(256, true), detectPhoto };
  if (id === 'v2r') return { detectSelfie: describedBoxes(288, true), detectPhoto };
  if (id === 'v2b') {
    return {
      async detectSelfie(img) {
        const look = await level(img, 384);
        const boxes = (await model.findBoxes(look, 0.5)).map((d) => ({
          score: d.score,
          descriptor: new Float32Array(0),
          box: { x: d.box.x / look.scale, y: d.box.y / look.scale, width: d.box.width / look.scale, height: d.box.height / look.scale },
        }));
        const quick = judgeSelfie(boxes);
        const descriptor = quick.accepted ? await model.describe(img, quick.face.box) : null;
        return quick.accepted && descriptor ? [{ ...quick.face, descriptor }] : detectSelfie(img);
      },
      detectPhoto,
    };
  }
  return { detectSelfie: describedBoxes(SELFIE_SSD_INPUT, true), detectPhoto };
}
