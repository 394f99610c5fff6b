// A small builder of ONNX graphs for the convolutional nets FindMe runs on ONNX Runtime: the
// nets' weights ship in npm in TensorFlow.js' layout (face-api), and are written here into an
// in-memory ONNX model (NCHW) when a worker thread loads them. Only what these nets use.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** A TensorFlow.js filter's values and shape ([height, width, in, out]). */
export interface TfFilter {
  values: Float32Array;
  shape: [number, number, number, number];
}

type Tensor = import('@tensorflow/tfjs').Tensor;
/** A TensorFlow.js weight's values (read once, when the graph is written). */
export const tfValues = (t: Tensor) => t.dataSync() as Float32Array;
/** A TensorFlow.js filter tensor as a TfFilter. */
export const tfFilter = (t: Tensor): TfFilter => ({ values: tfValues(t), shape: t.shape as TfFilter['shape'] });

export interface ConvSpec {
  filter: TfFilter;
  /** Added per output channel; none when absent. */
  bias?: Float32Array;
  stride: 1 | 2;
  /** TF's padding: "same" (the extra row and column after, as TF pads) unless "valid". */
  padding?: 'same' | 'valid';
  /** Depthwise: one filter per input channel (TF layout [h, w, channels, 1]). */
  depthwise?: boolean;
  activation?: 'relu' | 'relu6';
}

/** TF's [h, w, in, out] as ONNX's [out, in, h, w]; depthwise [h, w, c, 1] as [c, 1, h, w]. */
export function onnxFilter({ values, shape: [kh, kw, cin, cout] }: TfFilter, depthwise = false): { values: Float32Array; dims: number[] } {
  const out = new Float32Array(values.length);
  const outs = depthwise ? cin : cout;
  const ins = depthwise ? 1 : cin;
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      for (let i = 0; i < cin; i++) {
        for (let o = 0; o < cout; o++) {
          const [to, ti] = depthwise ? [i, 0] : [o, i];
          out[((to * ins + ti) * kh + y) * kw + x] = values[((y * kw + x) * cin + i) * cout + o]!;
        }
      }
    }
  }
  return { values: out, dims: [outs, ins, kh, kw] };
}

type Attribute = InstanceType<typeof onnx.AttributeProto>;

export class OnnxGraph {
  private readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly outputs: string[] = [];
  private next = 0;
  private zero?: string;
  private six?: string;

  /** The graph's one input: float32 [1, channels, height, width]; a free size unless given. */
  constructor(
    readonly input: string,
    private readonly channels: number,
    private readonly size?: number,
  ) {}

  private name(prefix: string): string {
    return `${prefix}${this.next++}`;
  }

  constant(values: Float32Array, dims: number[]): string {
    const name = this.name('w');
    const rawData = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData }));
    return name;
  }

  private int64s(values: number[]): string {
    const name = this.name('i');
    const rawData = new Uint8Array(new BigInt64Array(values.map(BigInt)).buffer);
    this.initializers.push(onnx.TensorProto.create({ name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, rawData }));
    return name;
  }

  /** A node of `opType` with one output; returns the output's name. */
  op(opType: string, input: string[], attribute: Attribute[] = []): string {
    const y = this.name('t');
    this.nodes.push(onnx.NodeProto.create({ opType, input, output: [y], attribute }));
    return y;
  }

  conv(x: string, c: ConvSpec): string {
    const w = onnxFilter(c.filter, c.depthwise);
    const attribute = [ints('strides', [c.stride, c.stride])];
    if (c.padding !== 'valid') attribute.push(text('auto_pad', 'SAME_UPPER'));
    if (c.depthwise) attribute.push(int('group', w.dims[0]!));
    const inputs = [x, this.constant(w.values, w.dims)];
    if (c.bias) inputs.push(this.constant(c.bias, [c.bias.length]));
    const y = this.op('Conv', inputs, attribute);
    if (c.activation === 'relu') return this.op('Relu', [y]);
    if (c.activation !== 'relu6') return y;
    this.zero ??= this.constant(new Float32Array([0]), []);
    this.six ??= this.constant(new Float32Array([6]), []);
    return this.op('Clip', [y, this.zero, this.six]);
  }

  add(a: string, b: string): string {
    return this.op('Add', [a, b]);
  }

  relu(x: string): string {
    return this.op('Relu', [x]);
  }

  /** Max or average pooling: without padding (TF's "valid"), or with TF's "same" (padded after). */
  pool(kind: 'MaxPool' | 'AveragePool', x: string, kernel: number, stride: number, same = false): string {
    const attribute = [ints('kernel_shape', [kernel, kernel]), ints('strides', [stride, stride])];
    if (same) attribute.push(text('auto_pad', 'SAME_UPPER'));
    return this.op(kind, [x], attribute);
  }

  /** Zeros added after the end of the channel, height and width axes (NCHW). */
  padAfter(x: string, channels: number, rows: number, cols: number): string {
    return this.op('Pad', [x, this.int64s([0, 0, 0, 0, 0, channels, rows, cols])]);
  }

  /** [1, C, H, W] → [1, C]: the mean over height and width. */
  globalMean(x: string): string {
    return this.op('Flatten', [this.op('GlobalAveragePool', [x])]);
  }

  /** x [1, n] times a constant [n, m], plus an optional bias [m]. */
  dense(x: string, weights: TfFilter['values'], dims: [number, number], bias?: Float32Array): string {
    const y = this.op('MatMul', [x, this.constant(weights, dims)]);
    return bias ? this.add(y, this.constant(bias, [bias.length])) : y;
  }

  /** Marks `x` as an output (transposed to channels-last, TF's layout, when asked). */
  output(x: string, channelsLast = false): string {
    const name = `out${this.outputs.length}`;
    if (channelsLast) this.nodes.push(onnx.NodeProto.create({ opType: 'Transpose', input: [x], output: [name], attribute: [ints('perm', [0, 2, 3, 1])] }));
    else this.nodes.push(onnx.NodeProto.create({ opType: 'Identity', input: [x], output: [name] }));
    this.outputs.push(name);
    return name;
  }

  /** The serialized model (ONNX IR 8, opset 13). */
  encode(graphName: string): Uint8Array {
    const tensor = (name: string, dims?: (number | string)[]) =>
      onnx.ValueInfoProto.create({
        name,
        type: {
          tensorType: {
            elemType: onnx.TensorProto.DataType.FLOAT,
            ...(dims && { shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } }),
          },
        },
      });
    const graph = onnx.GraphProto.create({
      name: graphName,
      node: this.nodes,
      initializer: this.initializers,
      input: [tensor(this.input, [1, this.channels, this.size ?? 'height', this.size ?? 'width'])],
      output: this.outputs.map((o) => tensor(o)),
    });
    const model = onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: '', version: 13 }], producerName: 'findme', graph });
    return onnx.ModelProto.encode(model).finish();
  }
}

const int = (name: string, i: number) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i });
const ints = (name: string, v: number[]) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: v });
const text = (name: string, s: string) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(s) });
