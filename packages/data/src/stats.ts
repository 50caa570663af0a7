/**
 * Channel statistics and channel conversion on raw uint8 images. Normalizing with the dataset's own
 * train-split mean/std (rather than ImageNet's constants) is what the Fashion-MNIST and CIFAR reference
 * training scripts do, and it keeps inputs at unit scale whatever the dataset.
 */
import type { ChannelStats, Channels } from './dataset';

/** ITU-R BT.601 luma weights, the grey conversion of PIL's convert('L') and tf.image.rgb_to_grayscale. */
export const LUMA_WEIGHTS: readonly [number, number, number] = [0.299, 0.587, 0.114];

/** Below this std a channel is treated as constant and divided by 1, so a blank channel cannot blow up. */
const MIN_STD = 1e-6;

/** Mean and std per channel of interleaved uint8 pixels, on the [0, 1] scale. */
export function computeChannelStats(images: Uint8Array, channels: Channels): ChannelStats {
  const sum = new Float64Array(channels);
  const sumSq = new Float64Array(channels);
  // Float64 sums of ≤255² per pixel stay exact far beyond any in-memory dataset size.
  for (let i = 0; i < images.length; i += channels) {
    for (let c = 0; c < channels; c++) {
      const v = images[i + c];
      sum[c] += v;
      sumSq[c] += v * v;
    }
  }
  const n = images.length / channels;
  const mean: number[] = [];
  const std: number[] = [];
  for (let c = 0; c < channels; c++) {
    const m = n > 0 ? sum[c] / n : 0;
    const variance = n > 0 ? Math.max(0, sumSq[c] / n - m * m) : 0;
    mean.push(m / 255);
    const s = Math.sqrt(variance) / 255;
    std.push(s < MIN_STD ? 1 : s);
  }
  return { mean, std };
}

/**
 * Mean and std of the (unrounded) BT.601 luma of interleaved RGB pixels: the statistics of what batches
 * see after their float RGB→grey conversion.
 */
export function computeLumaStats(rgb: Uint8Array): ChannelStats {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    const v = LUMA_WEIGHTS[0] * rgb[i] + LUMA_WEIGHTS[1] * rgb[i + 1] + LUMA_WEIGHTS[2] * rgb[i + 2];
    sum += v;
    sumSq += v * v;
  }
  const n = rgb.length / 3;
  const m = n > 0 ? sum / n : 0;
  const s = n > 0 ? Math.sqrt(Math.max(0, sumSq / n - m * m)) / 255 : 0;
  return { mean: [m / 255], std: [s < MIN_STD ? 1 : s] };
}

/** Interleaved RGB uint8 → grey uint8 with the BT.601 weights. */
export function rgbToLuma(rgb: Uint8Array): Uint8Array {
  const grey = new Uint8Array(rgb.length / 3);
  for (let i = 0, j = 0; j < grey.length; i += 3, j++) {
    grey[j] = Math.round(LUMA_WEIGHTS[0] * rgb[i] + LUMA_WEIGHTS[1] * rgb[i + 1] + LUMA_WEIGHTS[2] * rgb[i + 2]);
  }
  return grey;
}
