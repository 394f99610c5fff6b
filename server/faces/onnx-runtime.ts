// ONNX Runtime (onnxruntime-node) for the face nets: loaded where its binary exists, one session
// per net and worker thread, each on one core (the worker pool decides how many cores the face
// work uses), run one call at a time. Every net here takes one input `x`, float32 [1, 3, h, w].
import { createRequire } from 'node:module';

type Ort = typeof import('onnxruntime-node');

const require = createRequire(import.meta.url);

/** ONNX Runtime's Node binding, or why it cannot load here (no binary for this platform, say). */
export function loadOnnxRuntime(): { ort: Ort } | { error: string } {
  try {
    return { ort: require('onnxruntime-node') as Ort };
  } catch (err) {
    return { error: (err as Error).message.split('\n')[0]! };
  }
}

export interface OnnxOutput {
  data: Float32Array;
  dims: readonly number[];
}

export interface OnnxNet {
  /** One run on `x` (planar RGB, `height` × `width`); the outputs by name (out0, out1, …). */
  run(x: Float32Array, height: number, width: number): Promise<Record<string, OnnxOutput>>;
}

export async function createNet(ort: Ort, model: Uint8Array): Promise<OnnxNet> {
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // No arena: each run's buffers go back when it ends (55 MB less at a thread's peak, 2 % slower).
    enableCpuMemArena: false,
  });
  return {
    async run(x, height, width) {
      const out = await session.run({ x: new ort.Tensor('float32', x, [1, 3, height, width]) });
      return out as unknown as Record<string, OnnxOutput>;
    },
  };
}

/** Interleaved RGB (`pixels` of them) into planar `out`, each value as (v - mean[channel]) × scale. */
export function planar(rgb: ArrayLike<number>, pixels: number, out: Float32Array, mean: readonly number[], scale: number): Float32Array {
  for (let i = 0; i < pixels; i++) for (let c = 0; c < 3; c++) out[c * pixels + i] = (rgb[i * 3 + c]! - mean[c]!) * scale;
  return out;
}
