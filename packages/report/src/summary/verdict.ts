/**
 * Verdicts at equal cost (EfficientNet Table 3 compares methods at matched FLOPs): strategies are ranked
 * only where each one has an accuracy at the same reached FLOPs — a point within the tolerance of the
 * level, or an interpolation on log-FLOPs between two of its own neighbouring points, never an
 * extrapolation. Each verdict states how it matched, the margin, and whether the margin exceeds the seed
 * spread.
 */
import type { ChartPoint } from '../aggregate/chart-points';
import { compareStrategies } from '../result-row';

/** Reached FLOPs within ±5% of a level count as that level. */
export const MATCH_TOLERANCE = 0.05;

export interface LevelEstimate {
  readonly strategy: string;
  /** Top-1 (%) at the level: a point's mean, or the interpolation of two points' means. */
  readonly top1: number;
  /** Seed sd (points) at the level, null when any point used has one seed. */
  readonly top1Sd: number | null;
  /** Seeds behind the estimate (the fewer of two interpolated points). */
  readonly n: number;
  /** 'matched': a point within the tolerance; 'interpolated': between two of the strategy's own points. */
  readonly how: 'matched' | 'interpolated';
  /** Reached FLOPs ratios of the points used (one or two). */
  readonly from: readonly number[];
}

export interface Verdict {
  /** The FLOPs level as a ratio to the baseline's reached FLOPs. */
  readonly ratio: number;
  /** Strategies with an estimate at this level, best first. */
  readonly ranking: readonly LevelEstimate[];
  /** Strategies with no point near the level and no pair of own points around it. */
  readonly unmatched: readonly { strategy: string; ratios: readonly number[] }[];
  /** Best minus runner-up, in points; null with fewer than two estimates. */
  readonly margin: number | null;
  /** 'larger' / 'within' the larger of the two seed sds, or 'unknown' with one seed. */
  readonly noise: 'larger' | 'within' | 'unknown' | null;
  readonly sentence: string;
}

/** The baseline's reached FLOPs: the mean over the k=1 points (the baseline is shared by every strategy). */
export function baselineFlops(points: readonly ChartPoint[]): number | null {
  const base = points.filter((p) => p.step === 1);
  return base.length === 0 ? null : base.reduce((a, p) => a + p.flops, 0) / base.length;
}

/** A strategy's accuracy at `ratio` × baseline FLOPs, or null when it would need extrapolation. */
export function estimateAt(
  own: readonly ChartPoint[],
  ratio: number,
  base: number,
  tolerance = MATCH_TOLERANCE,
): LevelEstimate | null {
  const sorted = [...own].sort((a, b) => a.flops - b.flops);
  const target = ratio * base;
  const near = sorted
    .filter((p) => Math.abs(p.flops / target - 1) <= tolerance + 1e-12)
    .sort((a, b) => Math.abs(a.flops / target - 1) - Math.abs(b.flops / target - 1))[0];
  if (near) {
    return {
      strategy: near.strategy,
      top1: near.top1,
      top1Sd: near.n > 1 ? near.top1Sd : null,
      n: near.n,
      how: 'matched',
      from: [near.flops / base],
    };
  }
  const below = sorted.filter((p) => p.flops < target).pop();
  const above = sorted.find((p) => p.flops > target);
  if (!below || !above) return null;
  const t = Math.log(target / below.flops) / Math.log(above.flops / below.flops);
  const lerp = (a: number, b: number) => a + t * (b - a);
  const sd =
    below.n > 1 && above.n > 1 && below.top1Sd !== null && above.top1Sd !== null
      ? lerp(below.top1Sd, above.top1Sd)
      : null;
  return {
    strategy: below.strategy,
    top1: lerp(below.top1, above.top1),
    top1Sd: sd,
    n: Math.min(below.n, above.n),
    how: 'interpolated',
    from: [below.flops / base, above.flops / base],
  };
}

const x = (r: number) => `×${r.toFixed(2)}`;
const pct = (e: LevelEstimate) => `${e.top1.toFixed(1)}${e.top1Sd !== null ? ` ± ${e.top1Sd.toFixed(1)}` : ''}%`;

function howText(e: LevelEstimate): string {
  return e.how === 'matched'
    ? `its point at ${x(e.from[0])}`
    : `interpolated between its points at ${x(e.from[0])} and ${x(e.from[1])}`;
}

/** One verdict per FLOPs level (ratios > 1), each comparing only strategies that reach that level. */
export function verdicts(
  points: readonly ChartPoint[],
  levels: readonly number[],
  tolerance = MATCH_TOLERANCE,
): Verdict[] {
  const base = baselineFlops(points);
  if (base === null) return [];
  const strategies = [...new Set(points.map((p) => p.strategy))].sort(compareStrategies);
  return levels
    .filter((k) => k > 1)
    .map((ratio) => {
      const estimates: LevelEstimate[] = [];
      const unmatched: { strategy: string; ratios: number[] }[] = [];
      for (const s of strategies) {
        const own = points.filter((p) => p.strategy === s);
        const e = estimateAt(own, ratio, base, tolerance);
        if (e) estimates.push(e);
        else unmatched.push({ strategy: s, ratios: own.map((p) => p.flops / base).sort((a, b) => a - b) });
      }
      estimates.sort((a, b) => b.top1 - a.top1 || compareStrategies(a.strategy, b.strategy));
      return verdictAt(ratio, estimates, unmatched, tolerance);
    });
}

function verdictAt(
  ratio: number,
  ranking: LevelEstimate[],
  unmatched: { strategy: string; ratios: number[] }[],
  tolerance: number,
): Verdict {
  const level = `at ${ratio.toFixed(1)}× FLOPs`;
  const refused =
    unmatched.length === 0
      ? ''
      : ` Not compared (no point within ±${Math.round(tolerance * 100)}% and no own points on both sides; never extrapolated): ` +
        `${unmatched.map((u) => `${u.strategy} (points at ${u.ratios.map(x).join(', ')})`).join('; ')}.`;
  if (ranking.length < 2) {
    const only =
      ranking.length === 1
        ? `only ${ranking[0].strategy} reaches this cost (${howText(ranking[0])}), so there is no verdict`
        : 'no strategy reaches this cost';
    return { ratio, ranking, unmatched, margin: null, noise: null, sentence: `${level}: ${only}.${refused}` };
  }
  const [a, b] = ranking;
  const margin = a.top1 - b.top1;
  const noise =
    a.top1Sd === null || b.top1Sd === null ? 'unknown' : margin > Math.max(a.top1Sd, b.top1Sd) ? 'larger' : 'within';
  const n = a.n === b.n ? `n=${a.n}` : `n=${a.n}/${b.n}`;
  const spread =
    noise === 'unknown'
      ? Math.min(a.n, b.n) < 2
        ? 'one seed: spread unknown'
        : 'spread unknown'
      : noise === 'larger'
        ? 'larger than the spread'
        : 'within noise';
  const how = ranking.every((e) => e.how === 'matched')
    ? `matched points within ±${Math.round(tolerance * 100)}%`
    : ranking.map((e) => `${e.strategy} ${howText(e)}`).join('; ');
  const rest = ranking
    .slice(2)
    .map((e) => `${e.strategy} ${pct(e)}`)
    .join(', ');
  const sentence =
    `${level} ${a.strategy} ${pct(a)} vs ${b.strategy} ${pct(b)} (${n}): +${margin.toFixed(1)} points, ${spread}` +
    `${rest ? `; then ${rest}` : ''} [${how}].${refused}`;
  return { ratio, ranking, unmatched, margin, noise, sentence };
}
