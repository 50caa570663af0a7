import type { ChartPoint } from '../aggregate/chart-points';
import { labelSide, placeLabels } from './label-placement';

function point(strategy: string, step: number, top1: number, flops: number): ChartPoint {
  return {
    strategy,
    step,
    label: `${strategy[0]}×${step}`,
    n: 1,
    seeds: '0',
    top1,
    top1Sd: null,
    top1Low: top1,
    top1High: top1,
    top5: 99,
    loss: 0.5,
    flops,
    params: flops / 10,
    depth: 1,
    width: 1,
    resolution: 32,
    phi: null,
    epochs: 1,
    seconds: 1,
    imgPerSec: null,
    backend: 'wasm',
    dataset: 'synthetic',
  };
}

describe('label sides', () => {
  // Two strategies whose middle points sit far apart in FLOPs: neither is crowded.
  const points = [
    point('depth', 1, 70, 100),
    point('depth', 2, 72, 200),
    point('depth', 4, 75, 400),
    point('width', 1, 70, 100),
    point('width', 2, 74, 300),
    point('width', 4, 73, 500),
  ];

  it('puts a lone middle point\u2019s label into the quadrant its outgoing segment leaves free', () => {
    const at = (s: string, k: number) => points.find((p) => p.strategy === s && p.step === k)!;
    expect(labelSide(at('depth', 1), points)).toBe('left');
    // depth rises from k=2 to k=4: the space under the outgoing segment is free.
    expect(labelSide(at('depth', 2), points)).toBe('below');
    // width falls from k=2 to k=4: the space above it is free.
    expect(labelSide(at('width', 2), points)).toBe('above');
    expect(labelSide(at('depth', 4), points)).toBe('right');
    expect(labelSide(at('width', 4), points)).toBe('right');
  });

  it('stacks a crowded step to the right of its outermost point', () => {
    const crowded = [...points.filter((p) => p.strategy === 'depth'), point('width', 2, 72.1, 210)];
    crowded.push(point('width', 4, 76, 420));
    const placed = placeLabels(crowded, { yDomain: [69, 77], height: 360 });
    const d2 = placed.find((p) => p.strategy === 'depth' && p.step === 2)!;
    const w2 = placed.find((p) => p.strategy === 'width' && p.step === 2)!;
    expect([d2.labelSide, w2.labelSide]).toEqual(['right', 'right']);
    expect(d2.labelFlops).toBe(210);
    expect(w2.labelFlops).toBe(210);
    // At least one 13 px line apart on a 360 px panel spanning 8 points of top-1.
    expect(Math.abs(w2.labelY - d2.labelY)).toBeGreaterThanOrEqual((13 * 8) / 360 - 1e-9);
  });
});
