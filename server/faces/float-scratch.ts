// One reusable Float32Array per worker thread for the models' inputs: TensorFlow.js copies a
// tensor's values into its WebAssembly heap when the tensor is made, and ONNX Runtime reads them
// during the run the thread awaits, so the array can serve the next image at once, instead of a
// new 10–30 MB array per image for the garbage collector.
let scratch = new Float32Array(0);

/** A view of `length` floats (old contents left in place: fill it before use). */
export function floatScratch(length: number): Float32Array {
  if (scratch.length < length) scratch = new Float32Array(length);
  return scratch.subarray(0, length);
}
