/**
 * Resizes NHWC image batches to a square run resolution. Downscaling averages every source pixel an output
 * pixel covers (area/box filter, like TF's `area` and PIL's BOX), so a smaller input keeps the coarse image
 * instead of skipping rows and columns the way bilinear sampling does; upscaling stays bilinear.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Row-major [outSize, inSize] weights of 1-D area averaging: output pixel o covers the source interval
 * [o·s, (o+1)·s) with s = inSize/outSize, and each source pixel weighs by its overlap with it, over s.
 */
export function areaWeights(inSize: number, outSize: number): Float32Array {
  if (!Number.isInteger(inSize) || !Number.isInteger(outSize) || inSize < 1 || outSize < 1 || outSize > inSize) {
    throw new RangeError(`area weights need whole sizes with 1 <= out <= in, got in=${inSize} out=${outSize}`);
  }
  const scale = inSize / outSize;
  const weights = new Float32Array(outSize * inSize);
  for (let o = 0; o < outSize; o++) {
    const from = o * scale;
    const to = from + scale;
    for (let i = Math.floor(from); i < Math.min(inSize, Math.ceil(to)); i++) {
      const overlap = Math.min(to, i + 1) - Math.max(from, i);
      if (overlap > 0) weights[o * inSize + i] = overlap / scale;
    }
  }
  return weights;
}

/** Area average of an NHWC batch down to [height, width]: two matrix products, one per axis. */
export function resizeArea(x: tf.Tensor4D, [height, width]: readonly [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, inH, inW, c] = x.shape;
    const rows = tf.tensor2d(areaWeights(inH, height), [height, inH]);
    const cols = tf.tensor2d(areaWeights(inW, width), [width, inW]);
    // [n, c, inH, inW] → average along width, then along height.
    const planes = tf.transpose(x, [0, 3, 1, 2]);
    const alongW = tf.matMul(tf.reshape(planes, [n * c * inH, inW]), cols, false, true); // [n·c·inH, width]
    const turned = tf.transpose(tf.reshape(alongW, [n * c, inH, width]), [0, 2, 1]); // [n·c, width, inH]
    const alongH = tf.matMul(tf.reshape(turned, [n * c * width, inH]), rows, false, true); // [n·c·width, height]
    return tf.transpose(tf.reshape(alongH, [n, c, width, height]), [0, 3, 2, 1]) as tf.Tensor4D;
  });
}

/**
 * Resizes to [size, size]: area averaging when both sides shrink or stay, bilinear with half-pixel
 * centres (TF2's tf.image.resize, PIL) when either side grows.
 */
export function resizeToSquare(x: tf.Tensor4D, size: number): tf.Tensor4D {
  const [, inH, inW] = x.shape;
  if (size === inH && size === inW) return x;
  if (size <= inH && size <= inW) return resizeArea(x, [size, size]);
  return tf.image.resizeBilinear(x, [size, size], false, true);
}
