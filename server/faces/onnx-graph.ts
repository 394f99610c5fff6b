// A small builder of ONNX graphs for the convolutional nets FindMe runs on ONNX Runtime: the
// nets' weights ship in npm in TensorFlow.js' layout (face-api), and are written here into an
// in-memory ONNX model (NCHW) when a worker thread loads them. Only what these nets use:
// Conv (grouped for depthwise), Clip (relu6), Transpose.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** A TensorFlow.js filter's values and shape ([height, width, in, out]). */
export interface TfFilter {
  values: Float32Array;
  shape: [number, number, number, number];
}

export interface ConvSpec {
  filter: TfFilter;
  bias: Float32Array;
  stride: 1 | 2;
  /** Depthwise: one filter per input channel (TF layout [h, w, channels, 1]). */
  depthwise?: boolean;
  relu6?: boolean;
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

export class OnnxGraph {
  private readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly outputs: string[] = [];
  private next = 0;
  private readonly zero: string;
  private readonly six: string;

  /** The graph's one input: float32 [1, channels, height, width], height and width free. */
  constructor(
    readonly input: string,
    private readonly channels: number,
  ) {
    this.zero = this.constant(new Float32Array([0]), []);
    this.six = this.constant(new Float32Array([6]), []);
  }

  private name(prefix: string): string {
    return `${prefix}${this.next++}`;
  }

  constant(values: Float32Array, dims: number[]): string {
    const name = this.name('w');
    const rawData = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData }));
    return name;
  }

  /** A convolution with TF's "same" padding (the extra row and column go after, as TF pads). */
  conv(x: string, c: ConvSpec): string {
    const w = onnxFilter(c.filter, c.depthwise);
    const y = this.name('t');
    const attribute = [ints('strides', [c.stride, c.stride]), text('auto_pad', 'SAME_UPPER')];
    if (c.depthwise) attribute.push(int('group', w.dims[0]!));
    this.nodes.push(
      onnx.NodeProto.create({ opType: 'Conv', input: [x, this.constant(w.values, w.dims), this.constant(c.bias, [c.bias.length])], output: [y], attribute }),
    );
    if (!c.relu6) return y;
    const z = this.name('t');
    this.nodes.push(onnx.NodeProto.create({ opType: 'Clip', input: [y, this.zero, this.six], output: [z] }));
    return z;
  }

  /** Marks `x` as an output, transposed to channels-last (NHWC, TF's layout). Returns its name. */
  outputChannelsLast(x: string): string {
    const name = `out${this.outputs.length}`;
    this.nodes.push(onnx.NodeProto.create({ opType: 'Transpose', input: [x], output: [name], attribute: [ints('perm', [0, 2, 3, 1])] }));
    this.outputs.push(name);
    return name;
  }

  /** The serialized model (ONNX IR 8, opset 13). */
  encode(graphName: string): Uint8Array {
    const tensor = (name: string, dims: (number | string)[]) =>
      onnx.ValueInfoProto.create({
        name,
        type: {
          tensorType: {
            elemType: onnx.TensorProto.DataType.FLOAT,
            shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
          },
        },
      });
    const graph = onnx.GraphProto.create({
      name: graphName,
      node: this.nodes,
      initializer: this.initializers,
      input: [tensor(this.input, [1, this.channels, 'height', 'width'])],
      output: this.outputs.map((o, i) => tensor(o, [1, `rows${i}`, `cols${i}`, `channels${i}`])),
    });
    const model = onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: '', version: 13 }], producerName: 'findme', graph });
    return onnx.ModelProto.encode(model).finish();
  }
}

const int = (name: string, i: number) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i });
const ints = (name: string, v: number[]) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: v });
const text = (name: string, s: string) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(s) });
