// SSD MobileNet v1 (face-api's weights), run by FindMe instead of through face-api: the
// anchors, the decoding of the heads and the overlap suppression, shared by the two runtimes
// that run the forward pass (ssd-onnx.ts: ONNX Runtime, native, several times faster;
// ssd-tfjs.ts: TensorFlow.js' WebAssembly backend, where ONNX Runtime has no binary).
// Any input size: face-api looks at a 512 px square always; a selfie's one large face is framed
// as well on a 384 px square. The anchors are generated for the grid the input gives, by the
// rule the weights were trained with, and keep their size in pixels of the 512 px square the
// weights learnt (the boxes are read from pixels). At 512 px it finds face-api's boxes
// (tests/server/faces/ssd-mobilenet.test.ts).
import type { ScoredBox } from './face-boxes.js';
import type { RgbImage } from './local-face-model.js';

type Tf = typeof import('@tensorflow/tfjs');
type Tensor = import('@tensorflow/tfjs').Tensor;
type Tensor4D = import('@tensorflow/tfjs').Tensor4D;

/** face-api's parameter tree for SSD MobileNet v1 (the parts read here). */
export interface PointwiseParams {
  filters: Tensor4D;
  batch_norm_offset: Tensor;
}
export interface DepthwiseParams {
  filters: Tensor4D;
  batch_norm_scale: Tensor;
  batch_norm_offset: Tensor;
  batch_norm_mean: Tensor;
  batch_norm_variance: Tensor;
}
export interface ConvParams {
  filters: Tensor4D;
  bias: Tensor;
}
export interface FaceApiSsdParams {
  mobilenetv1: Record<string, PointwiseParams | { depthwise_conv: DepthwiseParams; pointwise_conv: PointwiseParams }>;
  prediction_layer: Record<string, PointwiseParams | { box_encoding_predictor: ConvParams; class_predictor: ConvParams }>;
}

export interface SsdOptions {
  /** The square the image is padded (right and bottom) and resized to. face-api's: 512. */
  inputSize: number;
  minScore: number;
  maxResults: number;
}

export interface SsdNet {
  /** Boxes in `img`'s pixels, best first, overlaps suppressed (IoU > 0.5) as face-api suppresses them. */
  detect(img: RgbImage, o: SsdOptions): Promise<ScoredBox[]>;
}

/** The input size the weights were trained at: anchors keep their size in its pixels. */
export const SSD_TRAINED_SIZE = 512;
const BN_EPSILON = 0.0010000000474974513;
/** MobileNet's depthwise layers that halve the grid. */
export const STRIDE_2 = new Set([2, 4, 6, 12]);

/** The anchor scales of the six heads (TF object detection's SSD rule: 0.2 to 0.95). */
const SCALES = [0.2, 0.35, 0.5, 0.65, 0.8, 0.95];

/**
 * Anchors of one head's grid as [ymin, xmin, ymax, xmax] in the padded square (0..1): the first
 * head has 3 per cell (0.1 at 1:1, its scale at 2:1 and 1:2), the others 6 (1:1, the scale
 * between this one and the next at 1:1, 2:1, 1:2, 3:1, 1:3), cell-major as the heads emit them.
 */
export function anchorsFor(head: number, rows: number, cols: number, zoom = 1): Float32Array {
  const s = SCALES[head]! * zoom;
  const next = (SCALES[head + 1] ?? 1) * zoom;
  const shapes: [number, number][] =
    head === 0
      ? [
          [0.1 * zoom, 1],
          [s, 2],
          [s, 0.5],
        ]
      : [
          [s, 1],
          [Math.sqrt(s * next), 1],
          [s, 2],
          [s, 0.5],
          [s, 3],
          [s, 1 / 3],
        ];
  const out = new Float32Array(rows * cols * shapes.length * 4);
  let i = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const cy = (r + 0.5) / rows;
      const cx = (c + 0.5) / cols;
      for (const [scale, aspect] of shapes) {
        const h = scale / Math.sqrt(aspect);
        const w = scale * Math.sqrt(aspect);
        out.set([cy - h / 2, cx - w / 2, cy + h / 2, cx + w / 2], i);
        i += 4;
      }
    }
  }
  return out;
}

/** What a forward pass gives for each of the six heads: its grid, box encodings and class logits (channels-last). */
export interface SsdHead {
  boxes: Float32Array;
  classes: Float32Array;
  rows: number;
  cols: number;
}

/** One forward pass of the net on `img` padded to a square and resized to `inputSize`. */
export type SsdForward = (img: RgbImage, inputSize: number) => Promise<SsdHead[]>;

/** The net on whichever runtime runs its forward pass (ssd-onnx.ts, or ssd-tfjs.ts where ONNX Runtime cannot load). */
export function createSsdNet(forward: SsdForward): SsdNet {
  return {
    async detect(img, o) {
      return decode(await forward(img, o.inputSize), Math.max(img.width, img.height), o);
    },
  };
}

/** MobileNet's depthwise layers with their batch norm folded into the filter and a bias, once per thread. */
export function foldedDepthwise(tf: Tf, params: FaceApiSsdParams): Map<number, { filter: Tensor4D; bias: Tensor }> {
  const folded = new Map<number, { filter: Tensor4D; bias: Tensor }>();
  for (let i = 1; i <= 13; i++) {
    const dw = (params.mobilenetv1[`conv_${i}`] as { depthwise_conv: DepthwiseParams }).depthwise_conv;
    folded.set(
      i,
      tf.tidy(() => {
        const k = tf.div(dw.batch_norm_scale, tf.sqrt(tf.add(dw.batch_norm_variance, BN_EPSILON)));
        const filter = tf.mul(dw.filters, tf.reshape(k, [1, 1, -1, 1])) as Tensor4D;
        return { filter, bias: tf.sub(dw.batch_norm_offset, tf.mul(dw.batch_norm_mean, k)) };
      }),
    );
  }
  return folded;
}

/** The anchors of the few grids FindMe uses (one per input size and head), made once. */
const anchorCache = new Map<string, Float32Array>();
function cachedAnchors(head: number, rows: number, cols: number, zoom: number): Float32Array {
  const key = `${head}:${rows}:${cols}:${zoom}`;
  let a = anchorCache.get(key);
  if (!a) anchorCache.set(key, (a = anchorsFor(head, rows, cols, zoom)));
  return a;
}

/** A box as face-api decodes it: [top, left, bottom, right] in the padded square (0..1), unclipped. */
type Corners = [number, number, number, number];

/** Intersection over union of two corner boxes; 0 when either has no area (as face-api's). */
function cornersIou(a: Corners, b: Corners): number {
  const areaA = (a[2] - a[0]) * (a[3] - a[1]);
  const areaB = (b[2] - b[0]) * (b[3] - b[1]);
  if (areaA <= 0 || areaB <= 0) return 0;
  const i = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  return i / (areaA + areaB - i);
}

/**
 * Boxes from the heads' encodings (face-api's decoding: centres /10, sizes exp(/5)), overlaps
 * suppressed on the unclipped boxes (IoU > 0.5), then clipped to the square as face-api clips
 * them; a box left without area is no face.
 */
function decode(heads: SsdHead[], side: number, o: SsdOptions): ScoredBox[] {
  const logit = Math.log(o.minScore / (1 - o.minScore));
  const found: { score: number; c: Corners }[] = [];
  heads.forEach((h, n) => {
    const anchors = cachedAnchors(n, h.rows, h.cols, SSD_TRAINED_SIZE / o.inputSize);
    for (let a = 0; a < anchors.length / 4; a++) {
      const l = h.classes[a * 3 + 1]!;
      if (l <= logit) continue;
      const i = a * 4;
      const ah = anchors[i + 2]! - anchors[i]!;
      const aw = anchors[i + 3]! - anchors[i + 1]!;
      const cy = (h.boxes[i]! / 10) * ah + anchors[i]! + ah / 2;
      const cx = (h.boxes[i + 1]! / 10) * aw + anchors[i + 1]! + aw / 2;
      const hh = (Math.exp(h.boxes[i + 2]! / 5) * ah) / 2;
      const hw = (Math.exp(h.boxes[i + 3]! / 5) * aw) / 2;
      found.push({ score: 1 / (1 + Math.exp(-l)), c: [cy - hh, cx - hw, cy + hh, cx + hw] });
    }
  });
  found.sort((p, q) => q.score - p.score);
  const kept: typeof found = [];
  for (const d of found) {
    if (kept.length >= o.maxResults) break;
    if (!kept.some((k) => cornersIou(k.c, d.c) > 0.5)) kept.push(d);
  }
  return kept.flatMap(({ score, c: [t, l, b, r] }) => {
    const [top, left, bottom, right] = [Math.max(0, t) * side, Math.max(0, l) * side, Math.min(1, b) * side, Math.min(1, r) * side];
    return bottom > top && right > left ? [{ score, box: { x: left, y: top, width: right - left, height: bottom - top } }] : [];
  });
}
