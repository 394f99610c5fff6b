// BlazeFace full-range on ONNX Runtime: its TensorFlow.js graph (resources/models/blazeface-back)
// is translated node by node into an ONNX graph when a worker loads it. The graph uses few ops
// (fused convolutions with bias and maybe relu, depthwise convolutions, adds, relus, 2 × 2 max
// pools, channel padding); any other op is refused at load, so a changed model file cannot run
// half-translated. Same heads as on TensorFlow.js (tests/server/faces/model-files.test.ts).
// On ONNX Runtime without an arena, the 1200 px pass's large activations are freed when it
// ends; on TensorFlow.js they set the WebAssembly heap's high-water mark for good.
import { HEADS, blazefaceDirectory, readBlazefaceFiles, type BlazeForward, type ModelJson } from './blazeface.js';
import { floatScratch } from './float-scratch.js';
import { OnnxGraph, type TfFilter } from './onnx-graph.js';
import { createNet, planar } from './onnx-runtime.js';

type Ort = typeof import('onnxruntime-node');

interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: { strides?: { list: { i: string[] } }; padding?: { s: string }; fused_ops?: { list: { s: string[] } } };
}

/** The graph's weights by name, read from the .bin in the manifest's order (float32 and int32, unquantized). */
function readWeights(json: ModelJson, bin: Buffer): Map<string, { shape: number[]; values: Float32Array | Int32Array }> {
  const weights = new Map<string, { shape: number[]; values: Float32Array | Int32Array }>();
  let offset = 0;
  for (const w of json.weightsManifest.flatMap((g) => g.weights) as { name: string; shape: number[]; dtype: string }[]) {
    const count = w.shape.reduce((a, b) => a * b, 1);
    const bytes = new Uint8Array(bin.buffer, bin.byteOffset + offset, count * 4).slice();
    if (w.dtype !== 'float32' && w.dtype !== 'int32') throw new Error(`BlazeFace weight ${w.name}: unsupported dtype ${w.dtype}`);
    weights.set(w.name, { shape: w.shape, values: w.dtype === 'float32' ? new Float32Array(bytes.buffer) : new Int32Array(bytes.buffer) });
    offset += count * 4;
  }
  return weights;
}

export function blazefaceOnnxModel(dir = blazefaceDirectory()): Uint8Array {
  const { json, bin } = readBlazefaceFiles(dir);
  const weights = readWeights(json, bin);
  const nodes = json.modelTopology.node as unknown as GraphNode[];
  const g = new OnnxGraph('x', 3);
  const names = new Map<string, string>();
  const tensor = (name: string) => {
    const t = names.get(name);
    if (!t) throw new Error(`BlazeFace graph: ${name} is used before it is made`);
    return t;
  };
  const constant = (name: string) => {
    const w = weights.get(name);
    if (!w) throw new Error(`BlazeFace graph: no weight ${name}`);
    return w;
  };
  const filter = (name: string): TfFilter => {
    const w = constant(name);
    return { values: w.values as Float32Array, shape: w.shape as TfFilter['shape'] };
  };
  const stride = (n: GraphNode) => Number(n.attr?.strides?.list.i[1] ?? 1) as 1 | 2;
  const padding = (n: GraphNode): 'valid' | 'same' => (Buffer.from(n.attr?.padding?.s ?? '', 'base64').toString() === 'VALID' ? 'valid' : 'same');
  for (const n of nodes) {
    const inputs = n.input ?? [];
    switch (n.op) {
      case 'Const':
      case 'Reshape':
      case 'Identity':
        continue; // weights, and the reshapes of the heads, which are read before them
      case 'Placeholder':
        names.set(n.name, g.input);
        continue;
      case '_FusedConv2D': {
        const fused = (n.attr?.fused_ops?.list.s ?? []).map((s) => Buffer.from(s, 'base64').toString());
        if (fused[0] !== 'BiasAdd' || fused.length > 2 || (fused[1] && fused[1] !== 'Relu'))
          throw new Error(`BlazeFace graph: unsupported fusion ${fused.join('+')}`);
        const bias = constant(inputs[2]!).values as Float32Array;
        const spec = { filter: filter(inputs[1]!), bias, stride: stride(n), padding: padding(n), ...(fused[1] && { activation: 'relu' as const }) };
        names.set(n.name, g.conv(tensor(inputs[0]!), spec));
        continue;
      }
      case 'DepthwiseConv2dNative':
        names.set(n.name, g.conv(tensor(inputs[0]!), { filter: filter(inputs[1]!), stride: stride(n), padding: padding(n), depthwise: true }));
        continue;
      case 'AddV2':
        names.set(n.name, g.add(tensor(inputs[0]!), tensor(inputs[1]!)));
        continue;
      case 'Relu':
        names.set(n.name, g.relu(tensor(inputs[0]!)));
        continue;
      case 'MaxPool':
        names.set(n.name, g.pool('MaxPool', tensor(inputs[0]!), 2, stride(n), true));
        continue;
      case 'Pad': {
        // [[top, bottom], [left, right]] of NHWC: only zeros after the channels occur here.
        const p = Array.from(constant(inputs[1]!).values);
        if (p.some((v, i) => v !== 0 && i !== 7)) throw new Error(`BlazeFace graph: unsupported padding ${p.join(',')}`);
        names.set(n.name, g.padAfter(tensor(inputs[0]!), p[7]!, 0, 0));
        continue;
      }
      default:
        throw new Error(`BlazeFace graph: unsupported op ${n.op}`);
    }
  }
  for (const head of HEADS) g.output(tensor(head), true);
  return g.encode('blazeface_back');
}

/** BlazeFace's forward pass on ONNX Runtime: the input scaled to -1..1 and planar (NCHW). */
export async function onnxBlazeForward(ort: Ort): Promise<BlazeForward> {
  const net = await createNet(ort, blazefaceOnnxModel());
  return async (rgb, width, height) => {
    const pixels = width * height;
    const out = await net.run(planar(rgb, pixels, floatScratch(3 * pixels), [127.5, 127.5, 127.5], 1 / 127.5), height, width);
    const heads = HEADS.map((_, i) => out[`out${i}`]!);
    return { values: heads.map((h) => h.data), shapes: heads.map((h) => [...h.dims]) };
  };
}
