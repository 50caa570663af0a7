/**
 * EfficientNet paper (Tan & Le 2019), Table 3: ResNet-50 scaled along one dimension. Each scaled model's
 * multiply-adds are checked two ways: exactly against what the scaling rule implies for the base model's
 * per-layer profile, and against the paper's figure, whose gap for depth and width is documented below.
 */
import type { ModelProfile } from '@scaling-lab/core';
import { profileOf } from '@scaling-lab/core/testing';
import { type ScaleRequest, scaleSpec } from '@scaling-lab/scaling';
import { resNet50 } from './backbone';

/** Counted without allocating weights: width 2 alone would be 100M of them. */
function profile(request: ScaleRequest): ModelProfile {
  return profileOf(resNet50, scaleSpec(resNet50, request));
}

const macsOf = (p: ModelProfile, match: (name: string) => boolean) =>
  p.layers.filter((l) => match(l.name)).reduce((n, l) => n + l.macs, 0);
const relativeGap = (value: number, target: number) => Math.abs(value / target - 1);

describe('EfficientNet Table 3, ResNet-50 rows (FLOPs = multiply-adds, 224 px base)', () => {
  let base: ModelProfile;
  let stem: number;
  let classifier: number;
  beforeAll(() => {
    base = profile({});
    stem = macsOf(base, (n) => n === 'stem_conv');
    classifier = macsOf(base, (n) => n === 'classifier');
  });

  it('baseline: the paper’s 4.1B', () => {
    expect(relativeGap(base.flops, 4.1e9)).toBeLessThan(0.01);
  });

  it('depth d=4: every stage gets 4x the blocks; each extra block costs one non-first block', () => {
    const flops = profile({ depth: 4 }).flops;
    const extra = resNet50.base.stages.reduce(
      (n, s, i) => n + 3 * s.repeats * macsOf(base, (name) => name.startsWith(`stage${i + 2}_block2_`)),
      0,
    );
    expect(flops).toBe(base.flops + extra);
    // 14.57G: 10% below the paper's 16.2B. Repeats ceil(4 × [3,4,6,3]) = [12,16,24,12] is the paper's own
    // rule, and no variant we tried (v1 stride placement, ResNet-200's [3,24,36,3]) reaches 16.2B.
    expect(relativeGap(flops, 14.57e9)).toBeLessThan(0.005);
  });

  it('width w=2: every conv quadruples except the stem (3 input channels) and classifier (1000 outputs)', () => {
    const flops = profile({ width: 2 }).flops;
    expect(flops).toBe(4 * (base.flops - stem - classifier) + 2 * stem + 2 * classifier);
    // 16.12G: 9.6% above the paper's 14.7B. Keeping the stem at 64 gives 15.87G; the v1 layout (stride on
    // the first 1x1) gives 15.19G, or 14.95G with the stem kept; doubling only the inner width (Wide
    // ResNet-50-2) gives 11.40G. None reproduces 14.7B; we scale every width, as docs/architecture.md "Scaling"
    // specifies.
    expect(relativeGap(flops, 16.12e9)).toBeLessThan(0.005);
  });

  it('resolution r=2 (448 px): every conv quadruples, the classifier does not; the paper’s 16.4B', () => {
    const scaled = profile({ resolutionMultiplier: 2 });
    expect(scaled.flops).toBe(4 * (base.flops - classifier) + classifier);
    expect(scaled.params.trainable).toBe(base.params.trainable);
    expect(relativeGap(scaled.flops, 16.4e9)).toBeLessThan(0.01);
  });
});
