/**
 * Decodes PNG (pngjs) and JPEG (jpeg-js) files into RGB uint8 and resizes them to a common size, the
 * per-file half of the image-folder loader. The format is recognised by content, not by extension.
 */
import * as tf from '@tensorflow/tfjs';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { ImageSize } from './dataset';
import { DataError, reason } from './errors';

/** An image as interleaved RGB bytes. */
export interface RgbImage extends ImageSize {
  readonly rgb: Uint8Array;
}

/** Signatures: PNG spec 5.2; JPEG starts with the SOI marker FF D8 followed by another marker (FF). */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

/** jpeg-js refuses larger images by default anyway; a clear limit beats an out-of-memory crash. */
const MAX_MEGAPIXELS = 100;

const startsWith = (bytes: Uint8Array, signature: number[]): boolean => signature.every((b, i) => bytes[i] === b);

/** RGBA → RGB composited over black, so transparent pixels read as background like zero padding does. */
function rgbaToRgb(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; j < rgb.length; i += 4, j += 3) {
    const a = rgba[i + 3];
    for (let c = 0; c < 3; c++) rgb[j + c] = a === 255 ? rgba[i + c] : Math.round((rgba[i + c] * a) / 255);
  }
  return rgb;
}

/** Decodes a PNG or JPEG file's bytes; `path` names the file in errors. */
export function decodeImage(bytes: Uint8Array, path: string): RgbImage {
  let decoded: { width: number; height: number; data: Uint8Array };
  const png = startsWith(bytes, PNG_SIGNATURE);
  const jpg = !png && startsWith(bytes, JPEG_SIGNATURE);
  if (!png && !jpg) throw new DataError(`cannot decode image ${path}: not a PNG or JPEG file`);
  try {
    decoded = png
      ? PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      : jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_MEGAPIXELS });
  } catch (err) {
    // The decoders' own wording ("read requests waiting on finished stream") says nothing to a user.
    const size = /maxResolutionInMP|exceeds/i.test(reason(err))
      ? `larger than ${MAX_MEGAPIXELS} megapixels`
      : `truncated or corrupt ${png ? 'PNG' : 'JPEG'} data`;
    throw new DataError(`cannot decode image ${path}: ${size}; replace or remove the file`);
  }
  if (decoded.width === 0 || decoded.height === 0) throw new DataError(`cannot decode image ${path}: it has no pixels`);
  return { width: decoded.width, height: decoded.height, rgb: rgbaToRgb(decoded.data, decoded.width, decoded.height) };
}

/** True when every pixel has R = G = B (a grey image stored as colour). */
export function isGrey(image: RgbImage): boolean {
  const { rgb } = image;
  for (let i = 0; i < rgb.length; i += 3) {
    if (rgb[i] !== rgb[i + 1] || rgb[i] !== rgb[i + 2]) return false;
  }
  return true;
}

/** Bilinear resize of RGB bytes (half-pixel centres, like batches.ts), rounded back to uint8. */
export function resizeRgb(image: RgbImage, size: ImageSize): RgbImage {
  if (image.height === size.height && image.width === size.width) return image;
  const resized = tf.tidy(() => {
    const x = tf.tensor3d(image.rgb, [image.height, image.width, 3], 'float32');
    const y = tf.image.resizeBilinear(x, [size.height, size.width], false, true);
    return tf.clipByValue(tf.round(y), 0, 255).toInt();
  });
  const rgb = Uint8Array.from(resized.dataSync());
  resized.dispose();
  return { ...size, rgb };
}
