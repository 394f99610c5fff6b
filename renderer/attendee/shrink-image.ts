// Shrinks a camera picture on the phone before upload: at most 1600 px on its long side, JPEG
// at quality 0.85. Re-encoding also drops the EXIF metadata (GPS position included). When the
// browser cannot decode the file (an exotic format), the original goes up and the server decides.
export const MAX_SIDE = 1600;

export async function shrinkImage(file: Blob, maxSide = MAX_SIDE, quality = 0.85): Promise<Blob> {
  if (typeof createImageBitmap !== 'function') return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return file;
    ctx.fillStyle = '#fff'; // transparent PNGs get a white background, not a black one
    ctx.fillRect(0, 0, width, height);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    canvas.width = 0; // let mobile Safari free the canvas memory now
    canvas.height = 0;
    return blob ?? file;
  } finally {
    bitmap.close();
  }
}
