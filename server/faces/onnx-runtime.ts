// ONNX Runtime (onnxruntime-node) for the face nets: loaded where its binary exists, one session
// per net and worker thread, each on one core (the worker pool decides how many cores the face
// work uses), run one call at a time.
import { createRequire } from 'node:module';

type Ort = typeof import('onnxruntime-node');
type Session = import('onnxruntime-node').InferenceSession;

const require = createRequire(import.meta.url);

/** ONNX Runtime's Node binding, or why it cannot load here (no binary for this platform, say). */
export function loadOnnxRuntime(): { ort: Ort } | { error: string } {
  try {
    return { ort: require('onnxruntime-node') as Ort };
  } catch (err) {
    return { error: (err as Error).message.split('\n')[0]! };
  }
}

export function createSession(ort: Ort, model: Uint8Array): Promise<Session> {
  return ort.InferenceSession.create(model, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // No arena: each run's buffers go back when it ends (55 MB less at a thread's peak, 2 % slower).
    enableCpuMemArena: false,
  });
}
