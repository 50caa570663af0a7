/**
 * Ranks trained candidates by mean top-1 over seeds. Ties (common with few test images) go to the cheaper
 * model, then to the smaller (α, β, γ), so the same results always crown the same winner.
 */
import { MATCH_TOLERANCE, type ResultRow } from '@scaling-lab/report';
import { compareCoefficients } from './grid';
import type { MeasuredCandidate } from './real-ratio';

export interface RankedCandidate {
  readonly candidate: MeasuredCandidate;
  /** 1 is best. */
  readonly rank: number;
  readonly seeds: number;
  readonly top1Mean: number;
  /** Sample standard deviation over seeds; null with one seed. */
  readonly top1Sd: number | null;
  /** Mean multiply-adds of the trained runs (as measured by the training process). */
  readonly flops: number;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function sampleSd(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Candidates with at least one finished run, best first; rows of other experiments or labels are ignored. */
export function rankCandidates(
  candidates: readonly MeasuredCandidate[],
  rows: readonly ResultRow[],
): RankedCandidate[] {
  const scored = candidates.flatMap((candidate) => {
    // Seed order fixes the summation order, so equal results give bit-equal means.
    const mine = rows.filter((r) => r.strategy === candidate.label).sort((a, b) => a.seed - b.seed);
    if (mine.length === 0) return [];
    const top1 = mine.map((r) => r.top1);
    return [
      {
        candidate,
        seeds: mine.length,
        top1Mean: mean(top1),
        top1Sd: sampleSd(top1),
        flops: mean(mine.map((r) => r.flops)),
      },
    ];
  });
  scored.sort(
    (a, b) =>
      b.top1Mean - a.top1Mean ||
      a.flops - b.flops ||
      compareCoefficients(a.candidate.coefficients, b.candidate.coefficients),
  );
  return scored.map((s, i) => ({ ...s, rank: i + 1 }));
}

/** The winner against the paper's coefficients, in percentage points. */
export interface Margin {
  readonly winner: RankedCandidate;
  readonly paper: RankedCandidate | undefined;
  /** Winner minus paper (or minus the runner-up when the paper wins), in points of top-1. */
  readonly points: number | null;
  /** The larger seed sd of the two, in points; null when either has one seed. */
  readonly seedSd: number | null;
  /** The candidate the margin is measured against (the paper's, or the runner-up when the paper wins). */
  readonly runnerUp?: RankedCandidate;
}

export function marginOverPaper(ranked: readonly RankedCandidate[]): Margin | null {
  if (ranked.length === 0) return null;
  const winner = ranked[0];
  const paper = ranked.find((r) => r.candidate.isPaper);
  const other = winner.candidate.isPaper ? ranked[1] : paper;
  const points = other ? 100 * (winner.top1Mean - other.top1Mean) : null;
  const seedSd =
    other && winner.top1Sd !== null && other.top1Sd !== null ? 100 * Math.max(winner.top1Sd, other.top1Sd) : null;
  return { winner, paper, points, seedSd, runnerUp: other };
}

const fmt = (x: number) => x.toFixed(2);
const coeffs = (r: RankedCandidate) => {
  const c = r.candidate.coefficients;
  return `α=${fmt(c.alpha)}, β=${fmt(c.beta)}, γ=${fmt(c.gamma)}`;
};

/** One sentence: the choice, its margin over the paper's defaults and how that compares with seed noise. */
export function verdictSentence(margin: Margin | null): string {
  if (!margin) return 'No candidate finished training, so no coefficients were chosen.';
  const { winner, paper, points, seedSd } = margin;
  const noise =
    seedSd === null
      ? 'with one seed per candidate the seed spread is unknown (rerun with --seeds 3 before trusting the order)'
      : `${Math.abs(points ?? 0) > seedSd ? 'more' : 'less'} than the seed sd of ${seedSd.toFixed(2)} points`;
  const top1 = (r: RankedCandidate) => `${(100 * r.top1Mean).toFixed(2)}%`;
  if (winner.candidate.isPaper) {
    const runnerUp =
      points === null ? 'no other candidate finished' : `the runner-up trails by ${points.toFixed(2)} points, ${noise}`;
    const cost = points === null || !margin.runnerUp ? '' : unequalCost(winner, margin.runnerUp);
    return `The paper's coefficients (${coeffs(winner)}) rank first at ${top1(winner)} top-1; ${runnerUp}.${cost}`;
  }
  if (!paper || points === null) {
    return `Chosen: ${coeffs(winner)} at ${top1(winner)} top-1; the paper's coefficients did not finish, so there is no margin to state.`;
  }
  return (
    `Chosen: ${coeffs(winner)} at ${top1(winner)} top-1; it beats the paper's (α=1.20, β=1.10, γ=1.15, ${top1(paper)}) ` +
    `by ${points.toFixed(2)} points, ${noise}.${unequalCost(winner, paper)}`
  );
}

/** Two candidates are compared at equal cost only when their real FLOPs ratios are within the tolerance of each other. */
function unequalCost(a: RankedCandidate, b: RankedCandidate): string {
  const [ra, rb] = [a.candidate.realRatio, b.candidate.realRatio];
  if (Math.abs(ra / rb - 1) <= MATCH_TOLERANCE + 1e-12) return '';
  return (
    ` Not at equal cost: they reach ×${ra.toFixed(2)} and ×${rb.toFixed(2)} the baseline's FLOPs after rounding, ` +
    'so the margin is not a verdict on the coefficients.'
  );
}
