// Where the local face model runs: ONNX Runtime by default, TensorFlow.js' WebAssembly backend
// when told to (FINDME_FACE_RUNTIME=tfjs; also where ONNX Runtime has no binary). Both give the
// same selfie verdicts and descriptors on the real fixture selfies; face-api's own pipeline is
// only kept when asked for.
import { afterEach, describe, expect, it } from 'vitest';
import { loadLocalFaceModel } from '../../../server/faces/local-face-model.js';
import { checkSelfie } from '../../../server/faces/selfie-check.js';
import { SELFIE_DETECT_MAX, decodeRgb } from '../../../server/images/renditions.js';
import { fixture, manifest } from '../../helpers/fixtures.js';

afterEach(() => {
  delete process.env.FINDME_FACE_RUNTIME;
});

describe('the face runtime', () => {
  it('gives the same selfie verdicts and descriptors on ONNX Runtime and on TensorFlow.js', async () => {
    const onnx = await loadLocalFaceModel();
    process.env.FINDME_FACE_RUNTIME = 'tfjs';
    const wasm = await loadLocalFaceModel();
    expect(onnx.runtime).toEqual({ name: 'onnxruntime' });
    expect(wasm.runtime).toEqual({ name: 'tfjs-wasm', fallbackReason: 'FINDME_FACE_RUNTIME=tfjs' });
    for (const rel of Object.values(manifest.selfies)) {
      const img = await decodeRgb(fixture(rel), SELFIE_DETECT_MAX);
      const [a, b] = [await checkSelfie(onnx, img), await checkSelfie(wasm, img)];
      expect(a.accepted && b.accepted, rel).toBe(true);
      if (!a.accepted || !b.accepted) continue;
      const gap = Math.max(...a.face.descriptor.map((v, i) => Math.abs(v - b.face.descriptor[i]!)));
      expect(gap, rel).toBeLessThan(1e-3);
    }
  }, 120_000);

  it("keeps face-api's own pipeline only when asked", async () => {
    const img = await decodeRgb(fixture(manifest.selfies.obama!), SELFIE_DETECT_MAX);
    const lean = await loadLocalFaceModel();
    await expect(lean.detect(img.data, img.width, img.height)).rejects.toThrow(/faceApiPipeline/);
    const full = await loadLocalFaceModel({ faceApiPipeline: true });
    expect(await full.detect(img.data, img.width, img.height)).toHaveLength(1);
  }, 120_000);
});
