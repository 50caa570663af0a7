/**
 * The B0 table and the B1-B7 rewrites against the released models' widths and repeats (written out below, not
 * recomputed with the rounding functions under test), and the backbone records against the coefficient table.
 */
import { scaleSpec } from '@scaling-lab/scaling';
import { efficientNets } from './backbone';
import { EFFICIENTNET_B0_BASE } from './stage-table';
import {
  EFFICIENTNET_COEFFICIENTS,
  EFFICIENTNET_VARIANTS,
  type EfficientNetVariant,
  variantBase,
} from './coefficients';

/**
 * Each variant's widths (stem, the seven stages' outputs, head) and repeats, written out by hand from the TF
 * reference rules — `round_filters(c × width)` to a multiple of 8, never 10% down; `round_repeats` = ceil(depth ×
 * [1, 2, 2, 3, 3, 4, 1]) — and equal to the released models' (Keras `applications.EfficientNetB0`…`B7`:
 * `stem_conv` 32…64 filters, `top_conv` 1280, 1280, 1408, 1536, 1792, 2048, 2304, 2560; 16, 23, 23, 26, 32,
 * 39, 45, 55 blocks).
 */
const PUBLISHED_TABLES: Readonly<Record<EfficientNetVariant, { widths: number[]; repeats: number[] }>> = {
  //        stem  stage outputs (Table 1 stages 2-8)         head    repeats per stage
  b0: { widths: [32, 16, 24, 40, 80, 112, 192, 320, 1280], repeats: [1, 2, 2, 3, 3, 4, 1] },
  b1: { widths: [32, 16, 24, 40, 80, 112, 192, 320, 1280], repeats: [2, 3, 3, 4, 4, 5, 2] },
  b2: { widths: [32, 16, 24, 48, 88, 120, 208, 352, 1408], repeats: [2, 3, 3, 4, 4, 5, 2] },
  b3: { widths: [40, 24, 32, 48, 96, 136, 232, 384, 1536], repeats: [2, 3, 3, 5, 5, 6, 2] },
  b4: { widths: [48, 24, 32, 56, 112, 160, 272, 448, 1792], repeats: [2, 4, 4, 6, 6, 8, 2] },
  b5: { widths: [48, 24, 40, 64, 128, 176, 304, 512, 2048], repeats: [3, 5, 5, 7, 7, 9, 3] },
  b6: { widths: [56, 32, 40, 72, 144, 200, 344, 576, 2304], repeats: [3, 6, 6, 8, 8, 11, 3] },
  b7: { widths: [64, 32, 48, 80, 160, 224, 384, 640, 2560], repeats: [4, 7, 7, 10, 10, 13, 4] },
};

/** Paper Table 1 / reference block strings: (kernel, stride, expansion) of B0's seven stages. */
const B0_BLOCKS = [
  [3, 1, 1],
  [3, 2, 6],
  [5, 2, 6],
  [3, 2, 6],
  [5, 1, 6],
  [5, 2, 6],
  [3, 1, 6],
];

describe('variant tables', () => {
  it('B0 is paper Table 1: kernels, strides, expansions, SE 0.25 on every stage', () => {
    expect(EFFICIENTNET_B0_BASE.stages.map((s) => [s.kernel, s.stride, s.expansion])).toEqual(B0_BLOCKS);
    for (const s of EFFICIENTNET_B0_BASE.stages) expect(s.seRatio).toBe(0.25);
  });

  it.each(EFFICIENTNET_VARIANTS)('%s has the released model’s widths and repeats', (variant) => {
    const base = variantBase(variant);
    const { widths, repeats } = PUBLISHED_TABLES[variant];
    expect([base.stem, ...base.stages.map((s) => s.channels), base.head]).toEqual(widths);
    expect(base.stages.map((s) => s.repeats)).toEqual(repeats);
    // Width and depth never change a block's kind, kernel, stride, expansion or SE ratio.
    expect(base.stages.map((s) => [s.kernel, s.stride, s.expansion])).toEqual(B0_BLOCKS);
    expect(base.stages.map((s) => s.block)).toEqual(EFFICIENTNET_B0_BASE.stages.map((s) => s.block));
  });
});

describe('backbone records', () => {
  it('are B0 … B7 with ids, names and family', () => {
    expect(efficientNets.map((b) => b.id)).toEqual(EFFICIENTNET_VARIANTS.map((v) => `efficientnet-${v}`));
    expect(efficientNets.map((b) => b.name)).toEqual(
      EFFICIENTNET_VARIANTS.map((v) => `EfficientNet-${v.toUpperCase()}`),
    );
    for (const b of efficientNets) expect(b.family).toBe('efficientnet');
  });

  it('carry the paper’s resolutions and the reference dropout rates (TF `efficientnet_params`)', () => {
    expect(efficientNets.map((b) => b.baseResolution)).toEqual([224, 240, 260, 300, 380, 456, 528, 600]);
    expect(efficientNets.map((b) => b.dropout)).toEqual([0.2, 0.2, 0.3, 0.3, 0.4, 0.4, 0.5, 0.5]);
  });

  it.each(EFFICIENTNET_VARIANTS.map((v, i) => [v, efficientNets[i]] as const))(
    '%s carries its table; identity scaling keeps it',
    (variant, backbone) => {
      const c = EFFICIENTNET_COEFFICIENTS[variant];
      expect(backbone.dropConnect).toBe(0.2);
      const { widths, repeats } = PUBLISHED_TABLES[variant];
      expect([backbone.base.stem, ...backbone.base.stages.map((s) => s.channels), backbone.base.head]).toEqual(widths);
      expect(backbone.base.stages.map((s) => s.repeats)).toEqual(repeats);
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
    expect(scaleSpec(b2, { width: 1.1 }).head).toBe(1552); // 1408 × 1.1 = 1548.8 → nearest multiple of 8
  });
});
