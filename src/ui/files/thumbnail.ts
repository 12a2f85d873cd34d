// The preview LivePerson's hosted/file carries (protocol reference §7): a thumbnail under 30 KB made
// in the browser with a canvas, as a data:image/jpeg URL (on white: JPEG has no transparency).
// Part of the lazy chunk of attachFiles.ts.

/** The preview must stay under this many characters (the reference's 30 KB). */
export const MAX_PREVIEW_CHARS = 30 * 1024;

function draw(image: CanvasImageSource, width: number, height: number, side: number): HTMLCanvasElement {
  const scale = Math.min(1, side / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas;
}

/** A thumbnail of the image under 30 KB, or undefined when the browser cannot draw it. */
export async function makeThumbnail(file: Blob): Promise<string | undefined> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return undefined;
  }
  try {
    for (const side of [320, 200, 120]) {
      const canvas = draw(bitmap, bitmap.width, bitmap.height, side);
      for (const quality of [0.8, 0.6, 0.4]) {
        const url = canvas.toDataURL('image/jpeg', quality);
        if (url.startsWith('data:image/jpeg;base64,') && url.length < MAX_PREVIEW_CHARS) return url;
      }
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    bitmap.close();
  }
}
