/**
 * Verdicts compare strategies only at equal reached FLOPs: matched points, or interpolation between a
 * strategy's own neighbouring points, never extrapolation; margins are judged against the seed spread.
 */
import type { ChartPoint } from '../aggregate/chart-points';
import { estimateAt, verdicts } from './verdict';

function point(
  strategy: string,
  step: number,
  flops: number,
  top1: number,
  sd: number | null = null,
  n = sd === null ? 1 : 3,
): ChartPoint {
  return {
    strategy,
    step,
    label: '',
    n,
    seeds: '',
    top1,
    top1Sd: sd,
    top1Low: top1,
    top1High: top1,
    top5: 0,
    loss: 0,
    flops,
    params: 0,
    depth: 1,
    width: 1,
    resolution: 32,
    phi: null,
    epochs: 1,
    seconds: 1,
    imgPerSec: 1,
    backend: 'cpu',
    dataset: 'd',
  };
}

const BASE = 1e6;

describe('verdicts at equal cost', () => {
  it('refuses to call points far apart in FLOPs matched: interpolates between own points, never extrapolates', () => {
    // depth reached ×2.0; width's step reached ×3.9 (rounding overshot), far from depth's point.
    const points = [
      point('depth', 1, BASE, 70),
      point('depth', 2, 2.0 * BASE, 72),
      point('width', 1, BASE, 70),
      point('width', 2, 3.9 * BASE, 76),
    ];
    const [at2, at4] = verdicts(points, [1, 2, 4]);
    // At ×2 width has no point: its value comes from its own ×1 and ×3.9 points, and the verdict says so.
    const width2 = at2.ranking.find((e) => e.strategy === 'width')!;
    expect(width2.how).toBe('interpolated');
    expect(width2.from).toEqual([1, 3.9]);
    expect(width2.top1).toBeCloseTo(70 + (6 * Math.log(2)) / Math.log(3.9), 10);
    expect(at2.sentence).toContain('width interpolated between its points at ×1.00 and ×3.90');
    expect(at2.sentence).not.toContain('matched points');
    // At ×4 depth would need extrapolation past its ×2 point: it is not compared, and there is no verdict.
    expect(at4.ranking.map((e) => e.strategy)).toEqual(['width']);
    expect(at4.margin).toBeNull();
    expect(at4.sentence).toMatch(
      /^at 4\.0× FLOPs: only width reaches this cost \(its point at ×3\.90\), so there is no verdict\./,
    );
    expect(at4.sentence).toContain('never extrapolated): depth (points at ×1.00, ×2.00)');
  });

  it('a strategy with no own point below the level is not compared either', () => {
    const points = [point('depth', 1, BASE, 70), point('depth', 2, 2 * BASE, 72), point('width', 2, 3 * BASE, 75)];
    expect(
      estimateAt(
        points.filter((p) => p.strategy === 'width'),
        2,
        BASE,
      ),
    ).toBeNull();
    expect(verdicts(points, [2])[0].unmatched.map((u) => u.strategy)).toEqual(['width']);
  });

  it('states margin and spread: larger than the spread, within noise, or one seed', () => {
    const base = [point('compound', 1, BASE, 85, 0.2), point('resolution', 1, BASE, 85, 0.2)];
    const clear = verdicts(
      [...base, point('compound', 4, 4.1 * BASE, 90.1, 0.2), point('resolution', 4, 3.9 * BASE, 89.4, 0.3)],
      [4],
    )[0];
    expect(clear.sentence).toBe(
      'at 4.0× FLOPs compound 90.1 ± 0.2% vs resolution 89.4 ± 0.3% (n=3): +0.7 points, larger than the spread [matched points within ±5%].',
    );
    expect(clear.noise).toBe('larger');
    const close = verdicts(
      [...base, point('compound', 4, 4 * BASE, 89.6, 0.2), point('resolution', 4, 4 * BASE, 89.4, 0.3)],
      [4],
    )[0];
    expect(close.sentence).toMatch(/\+0\.2 points, within noise/);
    const single = verdicts(
      [
        point('depth', 1, BASE, 70),
        point('width', 1, BASE, 70),
        point('depth', 2, 2 * BASE, 71),
        point('width', 2, 2 * BASE, 73),
      ],
      [2],
    )[0];
    expect(single.sentence).toBe(
      'at 2.0× FLOPs width 73.0% vs depth 71.0% (n=1): +2.0 points, one seed: spread unknown [matched points within ±5%].',
    );
  });
});
