import { scaleSpec } from '@scaling-lab/scaling';
import { resNets, resNet50 } from './backbone';
import { EXPANSION, RESNET_BASES, RESNET_DEPTHS } from './stage-table';

/** Weighted layers per block: basic = two 3x3 convs, bottleneck = 1x1, 3x3, 1x1 (shortcuts not counted). */
const CONVS_PER_BLOCK = { basic: 2, bottleneck: 3 } as const;

describe('ResNet stage tables', () => {
  it.each(RESNET_DEPTHS)('ResNet-%i has the depth its name says (stem conv + block convs + fc)', (depth) => {
    const { stages } = RESNET_BASES[depth];
    const layers = 1 + stages.reduce((n, s) => n + s.repeats * CONVS_PER_BLOCK[s.block], 0) + 1;
    expect(layers).toBe(depth);
  });

  it('uses basic blocks below 50 layers and bottlenecks from 50 on, with their expansions', () => {
    for (const depth of RESNET_DEPTHS) {
      for (const s of RESNET_BASES[depth].stages) {
        expect(s.block).toBe(depth < 50 ? 'basic' : 'bottleneck');
        expect(s.expansion).toBe(EXPANSION[s.block]);
      }
    }
  });

  it('ResNet-50: widths 64..512, repeats 3,4,6,3, strides 1,2,2,2, stem 64, no head', () => {
    const base = resNet50.base;
    expect(base.stages.map((s) => s.channels)).toEqual([64, 128, 256, 512]);
    expect(base.stages.map((s) => s.repeats)).toEqual([3, 4, 6, 3]);
    expect(base.stages.map((s) => s.stride)).toEqual([1, 2, 2, 2]);
    expect(base.stem).toBe(64);
    expect(base.head).toBeNull();
  });

  it('the depths differ only in block kind and repeats', () => {
    const shape = (d: (typeof RESNET_DEPTHS)[number]) =>
      RESNET_BASES[d].stages.map(({ channels, stride }) => ({ channels, stride }));
    for (const depth of RESNET_DEPTHS) expect(shape(depth)).toEqual(shape(50));
  });

  it('backbone records: ids, family, names, contract fields', () => {
    expect(resNets.map((b) => b.id)).toEqual(['resnet-18', 'resnet-34', 'resnet-50', 'resnet-101', 'resnet-152']);
    expect(resNets.map((b) => b.name)).toEqual(['ResNet-18', 'ResNet-34', 'ResNet-50', 'ResNet-101', 'ResNet-152']);
    for (const b of resNets) {
      expect(b.family).toBe('resnet');
      expect(b.baseResolution).toBe(224);
      expect(b.totalStride).toBe(32);
      expect(b.rounding).toEqual({ channelDivisor: 8, head: 'scale', resolutionDivisor: 8 });
      expect(b.dropout).toBe(0);
      expect(b.dropConnect).toBe(0);
    }
  });

  it('scaling rewrites inner widths, repeats and the stem, and keeps expansion and strides', () => {
    const spec = scaleSpec(resNet50, { width: 2, depth: 2 });
    expect(spec.stem).toBe(128);
    expect(spec.stages.map((s) => s.channels)).toEqual([128, 256, 512, 1024]);
    expect(spec.stages.map((s) => s.repeats)).toEqual([6, 8, 12, 6]);
    expect(spec.stages.map((s) => s.expansion)).toEqual([4, 4, 4, 4]);
    expect(spec.stages.map((s) => s.stride)).toEqual([1, 2, 2, 2]);
    expect(spec.head).toBeNull();
  });
});
