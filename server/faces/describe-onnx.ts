// face-api's two describing nets on ONNX Runtime: the 68-point landmark net (112 px input,
// dense blocks of separable convolutions) and the dlib-style ResNet that gives the 128-d
// descriptor (150 px input). Their weights are written into ONNX graphs at load (each ResNet
// scale layer folded into its convolution); face-api still prepares the inputs (its
// NetInput: the face padded to a centred square and resized, in TensorFlow.js) and places the
// landmarks, so the outputs are face-api's (tests/server/faces/describe-onnx.test.ts).
import { OnnxGraph, tfFilter, tfValues } from './onnx-graph.js';
import { createNet, planar, type OnnxNet } from './onnx-runtime.js';

type Tensor = import('@tensorflow/tfjs').Tensor;
type Tensor3D = import('@tensorflow/tfjs').Tensor3D;
type Tensor4D = import('@tensorflow/tfjs').Tensor4D;
type Ort = typeof import('onnxruntime-node');

interface Conv {
  filters: Tensor4D;
  bias: Tensor;
}
interface SeparableConv {
  depthwise_filter: Tensor4D;
  pointwise_filter: Tensor4D;
  bias: Tensor;
}
interface DenseBlock {
  conv0: Conv | SeparableConv;
  conv1: SeparableConv;
  conv2: SeparableConv;
  conv3: SeparableConv;
}
/** face-api's landmark net parameters (FaceLandmark68Net and its feature extractor). */
export interface LandmarkParams {
  fc: { weights: Tensor; bias: Tensor };
  extractor: { dense0: DenseBlock; dense1: DenseBlock; dense2: DenseBlock; dense3: DenseBlock };
}
interface ScaledConv {
  conv: Conv;
  scale: { weights: Tensor; biases: Tensor };
}
interface Residual {
  conv1: ScaledConv;
  conv2: ScaledConv;
}
/** face-api's FaceRecognitionNet parameters. */
export type RecognitionParams = Record<string, Residual | ScaledConv | Tensor> & { conv32_down: ScaledConv; fc: Tensor };

/** face-api's input normalisation for both nets: RGB minus this mean, divided by 255. */
const MEAN_RGB = [122.782, 117.001, 104.298];
export const LANDMARK_INPUT = 112;
export const RECOGNITION_INPUT = 150;

export function landmarkOnnxModel(p: LandmarkParams): Uint8Array {
  const g = new OnnxGraph('x', 3, LANDMARK_INPUT);
  const separable = (x: string, c: SeparableConv, stride: 1 | 2) =>
    g.conv(g.conv(x, { filter: tfFilter(c.depthwise_filter), stride, depthwise: true }), {
      filter: tfFilter(c.pointwise_filter),
      bias: tfValues(c.bias),
      stride: 1,
    });
  const dense = (x: string, b: DenseBlock, first: boolean) => {
    const out1 = g.relu(
      first
        ? g.conv(x, { filter: tfFilter((b.conv0 as Conv).filters), bias: tfValues((b.conv0 as Conv).bias), stride: 2 })
        : separable(x, b.conv0 as SeparableConv, 2),
    );
    const out2 = separable(out1, b.conv1, 1);
    const out3 = separable(g.relu(g.add(out1, out2)), b.conv2, 1);
    const out4 = separable(g.relu(g.add(out1, g.add(out2, out3))), b.conv3, 1);
    return g.relu(g.add(out1, g.add(out2, g.add(out3, out4))));
  };
  let x = dense('x', p.extractor.dense0, true);
  for (const b of [p.extractor.dense1, p.extractor.dense2, p.extractor.dense3]) x = dense(x, b, false);
  // 7 × 7 after four halvings of 112: one average over the grid, then the fully connected layer.
  const features = g.globalMean(g.pool('AveragePool', x, 7, 2));
  g.output(g.dense(features, tfValues(p.fc.weights), p.fc.weights.shape as [number, number], tfValues(p.fc.bias)));
  return g.encode('face_landmark_68');
}

export function recognitionOnnxModel(p: RecognitionParams): Uint8Array {
  const g = new OnnxGraph('x', 3, RECOGNITION_INPUT);
  // face-api's conv layer: conv + bias, then a per-channel scale (× weights + biases): folded.
  const conv = (x: string, l: ScaledConv, down: boolean, relu: boolean) => {
    const f = tfFilter(l.conv.filters);
    const [s, sb, b] = [tfValues(l.scale.weights), tfValues(l.scale.biases), tfValues(l.conv.bias)];
    const cout = f.shape[3];
    const scaled = f.values.map((v, i) => v * s[i % cout]!);
    const bias = b.map((v, o) => v * s[o]! + sb[o]!);
    return g.conv(x, {
      filter: { values: scaled, shape: f.shape },
      bias,
      stride: down ? 2 : 1,
      padding: down ? 'valid' : 'same',
      ...(relu && { activation: 'relu' }),
    });
  };
  let size = RECOGNITION_INPUT;
  let channels = 3;
  const residual = (x: string, r: Residual) => g.relu(g.add(conv(conv(x, r.conv1, false, true), r.conv2, false, false), x));
  const residualDown = (x: string, r: Residual) => {
    let out = conv(conv(x, r.conv1, true, true), r.conv2, false, false);
    const outChannels = r.conv2.conv.filters.shape[3]!;
    const outSize = Math.floor((size - 3) / 2) + 1;
    const pooledSize = Math.floor(size / 2);
    // As face-api: the shortcut is x averaged 2 × 2 with zero channels added; where the
    // convolution's grid came out one smaller, it gets a row and a column of zeros.
    if (outSize !== pooledSize) out = g.padAfter(out, 0, pooledSize - outSize, pooledSize - outSize);
    let pooled = g.pool('AveragePool', x, 2, 2);
    if (outChannels !== channels) pooled = g.padAfter(pooled, outChannels - channels, 0, 0);
    [size, channels] = [pooledSize, outChannels];
    return g.relu(g.add(pooled, out));
  };
  let x = conv('x', p.conv32_down, true, true);
  size = Math.floor((RECOGNITION_INPUT - 7) / 2) + 1;
  channels = 32;
  x = g.pool('MaxPool', x, 3, 2);
  size = Math.floor((size - 3) / 2) + 1;
  const layers = ['conv32_1', 'conv32_2', 'conv32_3', 'conv64_down', 'conv64_1', 'conv64_2', 'conv64_3', 'conv128_down', 'conv128_1', 'conv128_2'];
  for (const name of [...layers, 'conv256_down', 'conv256_1', 'conv256_2', 'conv256_down_out']) {
    const r = p[name] as Residual;
    x = name.includes('down') ? residualDown(x, r) : residual(x, r);
  }
  g.output(g.dense(g.globalMean(x), tfValues(p.fc), p.fc.shape as [number, number]));
  return g.encode('face_recognition_resnet');
}

/** face-api's NetInput, the part used here. */
interface NetInput {
  toBatchTensor(inputSize: number, isCenterInputs: boolean): Tensor4D;
  inputDimensions: number[][];
  getInputWidth(i: number): number;
  getInputHeight(i: number): number;
}
export interface FaceApiInputs {
  toNetInput(t: Tensor3D): Promise<NetInput>;
}

export interface DescribeNets {
  /** The 68 points, relative to the face tensor's size (0..1), as face-api's net gives them before placing. */
  landmarks(face: Tensor3D): Promise<{ relative: { x: number; y: number }[]; width: number; height: number }>;
  descriptor(face: Tensor3D): Promise<Float32Array>;
}

export async function onnxDescribeNets(ort: Ort, faceapi: FaceApiInputs, landmarks: LandmarkParams, recognition: RecognitionParams): Promise<DescribeNets> {
  const landmarkNet = await createNet(ort, landmarkOnnxModel(landmarks));
  const recognitionNet = await createNet(ort, recognitionOnnxModel(recognition));
  /** One net's one output on face-api's input for it: the face centred in a square, resized, normalised, planar. */
  const run = async (net: OnnxNet, face: Tensor3D, size: number) => {
    const netInput = await faceapi.toNetInput(face);
    const batch = netInput.toBatchTensor(size, true);
    const hwc = batch.dataSync() as Float32Array;
    batch.dispose();
    const x = planar(hwc, size * size, new Float32Array(3 * size * size), MEAN_RGB, 1 / 255);
    return { netInput, out: (await net.run(x, size, size)).out0!.data };
  };
  return {
    async landmarks(face) {
      const { netInput, out } = await run(landmarkNet, face, LANDMARK_INPUT);
      // face-api's postProcess: from the padded square back to the face's own width and height.
      const [height, width] = netInput.inputDimensions[0]!;
      const k = LANDMARK_INPUT / Math.max(width!, height!);
      const [w, h] = [width! * k, height! * k];
      const [padX, padY] = [w < h ? Math.abs(w - h) / 2 : 0, h < w ? Math.abs(w - h) / 2 : 0];
      const relative = Array.from({ length: 68 }, (_, i) => ({
        x: (out[2 * i]! * LANDMARK_INPUT - padX) / w,
        y: (out[2 * i + 1]! * LANDMARK_INPUT - padY) / h,
      }));
      return { relative, width: netInput.getInputWidth(0), height: netInput.getInputHeight(0) };
    },
    async descriptor(face) {
      // As face-api: a face with no pixels has a zero descriptor.
      if (face.shape.some((d) => d <= 0)) return new Float32Array(128);
      return (await run(recognitionNet, face, RECOGNITION_INPUT)).out;
    },
  };
}
