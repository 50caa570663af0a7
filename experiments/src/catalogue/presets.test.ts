/**
 * The promises the README makes about the quick preset: its baseline sees Fashion-MNIST below the native
 * 28 px, so the compound ladder's resolution steps add real detail instead of interpolated pixels, and every
 * point trains on the whole training set and is tested on the whole test set with the same recipe.
 */
import { getExperiment, planRuns } from './experiments';
import { PRESETS } from './presets';

/** Fashion-MNIST's images are 28 × 28. */
const FASHION_MNIST_PX = 28;

describe('the quick preset', () => {
  const quick = PRESETS.quick;

  it('starts below the native 28 px, and resnet-compound grows the input up to it, never past it', () => {
    expect(quick.dataset).toBe('fashion-mnist');
    expect(quick.baseline.resolution).toBeLessThan(FASHION_MNIST_PX);
    const pixels = planRuns(getExperiment('resnet-compound'), quick).map((r) => r.ladder.resolution);
    expect(pixels[0]).toBe(quick.baseline.resolution);
    for (let i = 1; i < pixels.length; i++) expect(pixels[i]).toBeGreaterThan(pixels[i - 1]);
    expect(Math.max(...pixels)).toBeLessThanOrEqual(FASHION_MNIST_PX);
  });

  it('trains on all 60k training images, tests on all 10k, and starts residual branches as the identity', () => {
    expect(quick.training.limitTrain).toBeUndefined();
    expect(quick.training.limitTest).toBe(10000);
    expect(quick.training.zeroInitResidual).toBe(true);
    expect(quick.ratios).toEqual([1, 2, 4]);
  });
});
