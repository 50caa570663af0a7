/**
 * The B0 table and the B1-B7 rewrites: each variant's base is B0 with the reference `round_filters` /
 * `round_repeats` applied at its width and depth, and the backbone records carry the coefficient table.
 */
import { roundFilters, roundRepeats, scaleSpec } from '@scaling-lab/scaling';
import { efficientNets } from './backbones';
import { EFFICIENTNET_B0_BASE } from './block-table';
import { EFFICIENTNET_COEFFICIENTS, EFFICIENTNET_VARIANTS, variantBase } from './coefficients';

describe('variant tables', () => {
  it('B0 is the block table itself', () => {
    expect(variantBase('b0')).toEqual(EFFICIENTNET_B0_BASE);
  });

  it.each(EFFICIENTNET_VARIANTS)('%s rewrites B0 at its width and depth (stem and head too)', (variant) => {
    const { width, depth } = EFFICIENTNET_COEFFICIENTS[variant];
    const base = variantBase(variant);
    const b0 = EFFICIENTNET_B0_BASE;
    expect(base.stem).toBe(roundFilters(b0.stem, width));
    expect(base.head).toBe(roundFilters(b0.head!, width));
    base.stages.forEach((stage, i) => {
      const { channels, repeats, ...rest } = b0.stages[i];
      expect(stage).toEqual({ ...rest, channels: roundFilters(channels, width), repeats: roundRepeats(repeats, depth) });
      expect(stage.channels % 8).toBe(0);
    });
  });

  it('scales B7 as the reference does (depth 3.1 rounds every stage up; width 2 doubles)', () => {
    const b7 = variantBase('b7');
    // Reference round_repeats: ceil(3.1 × [1, 2, 2, 3, 3, 4, 1]).
    expect(b7.stages.map((s) => s.repeats)).toEqual([4, 7, 7, 10, 10, 13, 4]);
    expect(b7.stages.map((s) => s.channels)).toEqual(EFFICIENTNET_B0_BASE.stages.map((s) => 2 * s.channels));
  });
});

describe('backbone records', () => {
  it('are B0 … B7 with ids, names and family', () => {
    expect(efficientNets.map((b) => b.id)).toEqual(EFFICIENTNET_VARIANTS.map((v) => `efficientnet-${v}`));
    expect(efficientNets.map((b) => b.name)).toEqual(EFFICIENTNET_VARIANTS.map((v) => `EfficientNet-${v.toUpperCase()}`));
    for (const b of efficientNets) expect(b.family).toBe('efficientnet');
  });

  it.each(EFFICIENTNET_VARIANTS.map((v, i) => [v, efficientNets[i]] as const))(
    '%s carries its resolution, dropout and table; identity scaling keeps them',
    (variant, backbone) => {
      const c = EFFICIENTNET_COEFFICIENTS[variant];
      expect(backbone.baseResolution).toBe(c.resolution);
      expect(backbone.dropout).toBe(c.dropout);
      expect(backbone.dropConnect).toBe(0.2);
      expect(backbone.base).toEqual(variantBase(variant));
      expect(backbone.rounding).toEqual({ channelDivisor: 8, head: 'scale', resolutionDivisor: 8 });
      const spec = scaleSpec(backbone);
      // 260 and 300 are not multiples of 8 and are still used as is.
      expect(spec.resolution).toBe(c.resolution);
      expect(spec.stages).toEqual(backbone.base.stages);
    },
  );

  it('declares the total stride the stem and stage strides multiply to', () => {
    const product = EFFICIENTNET_B0_BASE.stages.reduce((acc, s) => acc * s.stride, 2);
    for (const b of efficientNets) expect(b.totalStride).toBe(product);
  });

  it('scales further from a variant: resolution rounds to 8, widths round again from the variant table', () => {
    const b2 = efficientNets[2];
    expect(scaleSpec(b2, { resolutionMultiplier: 1.15 }).resolution).toBe(296); // 260 × 1.15 = 299 → 296
    expect(scaleSpec(b2, { width: 1.1 }).head).toBe(roundFilters(b2.base.head!, 1.1));
  });
});
