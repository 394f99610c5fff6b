// SSD MobileNet v1's forward pass on ONNX Runtime (onnxruntime-node, native, CPU): face-api's
// weights are written into an ONNX graph when the worker thread loads the model (batch norms
// folded), and one session per thread runs it on one core. 3.5–4× faster than TensorFlow.js'
// WebAssembly backend on the same input, with the same outputs (within 1e-4; tests/server/faces/
// ssd-mobilenet.test.ts). The input is prepared here as TensorFlow.js prepares it for face-api:
// the image padded with black to a square on the right or bottom, resized bilinearly (TF's rule:
// no half-pixel centres, no corner alignment), then scaled to -1..1.
import { floatScratch } from './float-scratch.js';
import type { RgbImage } from './local-face-model.js';
import { OnnxGraph, tfFilter, tfValues } from './onnx-graph.js';
import { createNet } from './onnx-runtime.js';
import { STRIDE_2, foldedDepthwise, type ConvParams, type FaceApiSsdParams, type PointwiseParams, type SsdForward, type SsdHead } from './ssd-mobilenet.js';

type Tf = typeof import('@tensorflow/tfjs');
type Ort = typeof import('onnxruntime-node');

/** face-api's SSD as an ONNX model: one input `x` [1, 3, h, w], the six heads' boxes and classes as outputs. */
export function ssdOnnxModel(tf: Tf, params: FaceApiSsdParams): Uint8Array {
  const g = new OnnxGraph('x', 3);
  const mobilenet = params.mobilenetv1;
  const pred = params.prediction_layer;
  const folded = foldedDepthwise(tf, params);
  const pointwise = (x: string, p: PointwiseParams, stride: 1 | 2) =>
    g.conv(x, { filter: tfFilter(p.filters), bias: tfValues(p.batch_norm_offset), stride, activation: 'relu6' });
  const head = (x: string, p: { box_encoding_predictor: ConvParams; class_predictor: ConvParams }) => {
    for (const c of [p.box_encoding_predictor, p.class_predictor])
      g.output(g.conv(x, { filter: tfFilter(c.filters), bias: tfValues(c.bias), stride: 1 }), true);
  };
  try {
    let x = pointwise('x', mobilenet.conv_0 as PointwiseParams, 2);
    for (let i = 1; i <= 13; i++) {
      const { filter, bias } = folded.get(i)!;
      x = g.conv(x, { filter: tfFilter(filter), bias: tfValues(bias), stride: STRIDE_2.has(i) ? 2 : 1, depthwise: true, activation: 'relu6' });
      x = pointwise(x, (mobilenet[`conv_${i}`] as { pointwise_conv: PointwiseParams }).pointwise_conv, 1);
      if (i === 11) head(x, pred.box_predictor_0 as never);
    }
    head(x, pred.box_predictor_1 as never);
    for (let j = 0; j < 8; j += 2) {
      x = pointwise(pointwise(x, pred[`conv_${j}`] as PointwiseParams, 1), pred[`conv_${j + 1}`] as PointwiseParams, 2);
      head(x, pred[`box_predictor_${j / 2 + 2}`] as never);
    }
    return g.encode('ssd_mobilenet_v1');
  } finally {
    for (const { filter, bias } of folded.values()) tf.dispose([filter, bias]);
  }
}

/**
 * `img` padded to a square (black, right or bottom), resized to `size` × `size` as
 * tf.image.resizeBilinear resizes, scaled to -1..1, planar (NCHW) into `out`.
 */
export function ssdInput(img: RgbImage, size: number, out: Float32Array): void {
  const side = Math.max(img.width, img.height);
  const scale = side / size;
  const plane = size * size;
  const { data, width, height } = img;
  const at = (y: number, x: number, c: number) => (y < height && x < width ? data[(y * width + x) * 3 + c]! : 0);
  for (let y = 0; y < size; y++) {
    const fy = y * scale;
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, side - 1);
    const dy = fy - y0;
    for (let x = 0; x < size; x++) {
      const fx = x * scale;
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, side - 1);
      const dx = fx - x0;
      for (let c = 0; c < 3; c++) {
        const top = at(y0, x0, c) + (at(y0, x1, c) - at(y0, x0, c)) * dx;
        const bottom = at(y1, x0, c) + (at(y1, x1, c) - at(y1, x0, c)) * dx;
        out[c * plane + y * size + x] = (top + (bottom - top) * dy) / 127.5 - 1;
      }
    }
  }
}

/** The forward pass on ONNX Runtime: one session, one thread (the worker pool gives each worker a core). */
export async function onnxSsdForward(ort: Ort, tf: Tf, params: FaceApiSsdParams): Promise<SsdForward> {
  const net = await createNet(ort, ssdOnnxModel(tf, params));
  return async (img, inputSize) => {
    const input = floatScratch(3 * inputSize * inputSize);
    ssdInput(img, inputSize, input);
    const out = await net.run(input, inputSize, inputSize);
    const heads: SsdHead[] = [];
    for (let h = 0; h < 6; h++) {
      const boxes = out[`out${2 * h}`]!;
      const classes = out[`out${2 * h + 1}`]!;
      heads.push({ boxes: boxes.data, classes: classes.data, rows: boxes.dims[1]!, cols: boxes.dims[2]! });
    }
    return heads;
  };
}
