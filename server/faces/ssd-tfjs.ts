// SSD MobileNet v1's forward pass on TensorFlow.js' WebAssembly backend: the fallback where
// ONNX Runtime has no binary (macOS on Intel) or is turned off (FINDME_FACE_RUNTIME=tfjs). Each
// layer's input is freed as soon as its output exists (face-api keeps every layer's output
// until the pass ends, and the WebAssembly heap never shrinks); batch norms are folded into
// fused convolutions.
import { floatScratch } from './float-scratch.js';
import { STRIDE_2, foldedDepthwise, type ConvParams, type FaceApiSsdParams, type PointwiseParams, type SsdForward, type SsdHead } from './ssd-mobilenet.js';

type Tf = typeof import('@tensorflow/tfjs');
type Tensor = import('@tensorflow/tfjs').Tensor;
type Tensor4D = import('@tensorflow/tfjs').Tensor4D;

export function tfjsSsdForward(tf: Tf, params: FaceApiSsdParams): SsdForward {
  const mobilenet = params.mobilenetv1;
  const pred = params.prediction_layer;
  const folded = foldedDepthwise(tf, params);

  /** Runs `f` on `x` and frees `x`. */
  const step = <T extends Tensor>(x: Tensor4D, f: (x: Tensor4D) => T): T => {
    const y = f(x);
    x.dispose();
    return y;
  };
  const pointwise = (p: PointwiseParams, stride: 1 | 2) => (x: Tensor4D) =>
    tf.fused.conv2d({ x, filter: p.filters, strides: stride, pad: 'same', bias: p.batch_norm_offset, activation: 'relu6' });
  const depthwise = (i: number) => (x: Tensor4D) => {
    const { filter, bias } = folded.get(i)!;
    return tf.fused.depthwiseConv2d({ x, filter, strides: STRIDE_2.has(i) ? 2 : 1, pad: 'same', bias, activation: 'relu6' });
  };
  /** One head: box encodings and class logits read back, and the grid they cover. */
  const head = async (x: Tensor4D, p: { box_encoding_predictor: ConvParams; class_predictor: ConvParams }): Promise<SsdHead> => {
    const conv = (c: ConvParams) => tf.fused.conv2d({ x, filter: c.filters, strides: 1, pad: 'same', bias: c.bias });
    const out = [conv(p.box_encoding_predictor), conv(p.class_predictor)];
    try {
      const [boxes, classes] = (await Promise.all(out.map((t) => t.data()))) as [Float32Array, Float32Array];
      return { boxes, classes, rows: x.shape[1], cols: x.shape[2] };
    } finally {
      tf.dispose(out);
    }
  };

  return async (img, inputSize) => {
    const side = Math.max(img.width, img.height);
    let x = tf.tidy(() => {
      // face-api's input: padded with black to a square on the right or bottom, resized, then -1..1.
      const square = floatScratch(side * side * 3).fill(0);
      for (let y = 0; y < img.height; y++) {
        const row = img.data.subarray(y * img.width * 3, (y + 1) * img.width * 3);
        square.set(row, y * side * 3);
      }
      const t = tf.tensor4d(square, [1, side, side, 3]);
      const sized = side === inputSize ? t : tf.image.resizeBilinear(t, [inputSize, inputSize]);
      return tf.sub(tf.div(sized, 127.5), 1) as Tensor4D;
    });
    try {
      const heads: SsdHead[] = [];
      x = step(x, pointwise(mobilenet.conv_0 as PointwiseParams, 2));
      for (let i = 1; i <= 13; i++) {
        const pw = (mobilenet[`conv_${i}`] as { pointwise_conv: PointwiseParams }).pointwise_conv;
        x = step(step(x, depthwise(i)), pointwise(pw, 1));
        if (i === 11) heads.push(await head(x, pred.box_predictor_0 as never));
      }
      heads.push(await head(x, pred.box_predictor_1 as never));
      for (let j = 0; j < 8; j += 2) {
        x = step(step(x, pointwise(pred[`conv_${j}`] as PointwiseParams, 1)), pointwise(pred[`conv_${j + 1}`] as PointwiseParams, 2));
        heads.push(await head(x, pred[`box_predictor_${j / 2 + 2}`] as never));
      }
      return heads;
    } finally {
      x.dispose();
    }
  };
}
