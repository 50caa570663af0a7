/**
 * Train-time augmentation on raw uint8 images: random horizontal flip and pad-and-random-crop, the
 * standard small-image recipe (He et al. 2016, "Deep Residual Learning", Sec. 4.2: 4-pixel pad, random
 * 32×32 crop, flip). Done at native size, before resizing, so `crop` is in native pixels.
 */
import type { AugmentOptions, ImageSize } from './dataset';
import { randomInt, type Rng } from './random';

/** The random choices for one image: mirrored or not, and the crop offset in [-crop, crop]. */
export interface AugmentDraw {
  readonly flip: boolean;
  readonly dy: number;
  readonly dx: number;
}

export function drawAugment(options: AugmentOptions, rng: Rng): AugmentDraw {
  const crop = options.crop ?? 0;
  return {
    flip: options.flip === true && rng() < 0.5,
    dy: crop > 0 ? randomInt(rng, 2 * crop + 1) - crop : 0,
    dx: crop > 0 ? randomInt(rng, 2 * crop + 1) - crop : 0,
  };
}

/**
 * Writes image `src` (HWC at `offset` in `images`) into `out` at `outOffset`, mirrored and shifted per
 * `draw`; pixels shifted in from outside the image are 0 (zero padding, as in torchvision's RandomCrop).
 */
export function augmentInto(
  images: Uint8Array,
  offset: number,
  size: ImageSize,
  channels: number,
  draw: AugmentDraw,
  out: Float32Array,
  outOffset: number,
): void {
  const { height, width } = size;
  for (let y = 0; y < height; y++) {
    const sy = y + draw.dy;
    for (let x = 0; x < width; x++) {
      const o = outOffset + (y * width + x) * channels;
      // Flip first, then shift: the shifted window is taken from the mirrored image.
      const fx = x + draw.dx;
      const sx = draw.flip ? width - 1 - fx : fx;
      if (sy < 0 || sy >= height || fx < 0 || fx >= width) {
        for (let c = 0; c < channels; c++) out[o + c] = 0;
      } else {
        const s = offset + (sy * width + sx) * channels;
        for (let c = 0; c < channels; c++) out[o + c] = images[s + c];
      }
    }
  }
}
