// Every face of an event photo, found and described on the decoded photo (≤ DETECT_MAX), with
// boxes in pixels of the oriented original. The image worker and the face evaluation both
// call this: what is measured is what runs.
import type { RawImage } from '../images/renditions.js';
import type { DetectedFace, FaceDetector } from './face-engine.js';

export async function findPhotoFaces(detector: FaceDetector, img: RawImage): Promise<DetectedFace[]> {
  const found = await detector.detect(img.data, img.width, img.height);
  const scale = img.originalWidth / img.width;
  return found.map((f) => ({
    ...f,
    box: { x: Math.round(f.box.x * scale), y: Math.round(f.box.y * scale), width: Math.round(f.box.width * scale), height: Math.round(f.box.height * scale) },
  }));
}
