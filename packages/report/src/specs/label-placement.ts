/**
 * Where point labels go. Points of different strategies at one ladder step sit at nearly the same FLOPs and
 * often within a percent of top-1, so labels drawn at their points pile up. Vega-Lite has no label-collision
 * layout, so labels of one step are spread vertically here, in data units, to at least one text line apart.
 * Each label also gets a side chosen from where its line runs: the baseline's to the left (every line leaves
 * it to the right), a line end's to the right, a middle point's into the quadrant its outgoing segment leaves
 * free; where other strategies' points crowd the step, to the right of the crowd, stacked.
 */
import type { ChartPoint } from '../aggregate/chart-points';
import { type TooltipText, tooltipText } from './tooltip';

/** Where a label sits relative to its point; accuracy-view.ts draws one text layer per side. */
export type LabelSide = 'left' | 'right' | 'above' | 'below';
export const LABEL_SIDES: readonly LabelSide[] = ['left', 'right', 'above', 'below'];

export interface LabelledPoint extends ChartPoint, TooltipText {
  /** Text beside the point; '' for none. */
  pointLabel: string;
  /** Top-1 value (chart y units) at which the label's centre is drawn. */
  labelY: number;
  labelSide: LabelSide;
  /**
   * FLOPs at which a left or right label is anchored on the FLOPs panel: the outermost point among the
   * step's points within 15% of this one, so the label clears its neighbours' points instead of crossing them.
   */
  labelFlops: number;
}

export interface LabelLayout {
  /** The y scale domain of the panel the labels are drawn in. */
  yDomain: [number, number];
  /** Panel height in pixels. */
  height: number;
  /** Minimum distance between label centres in pixels (one line of 11px text plus leading). */
  gapPx?: number;
}

/**
 * Labels: each step's scale, except at k = 1 where all strategies share the baseline model, so one
 * 'baseline' label stands for all of them.
 */
export function placeLabels(points: readonly ChartPoint[], layout: LabelLayout): LabelledPoint[] {
  const baselineOwner = points.find((p) => p.step === 1)?.strategy;
  const labelled = points.map((p) => ({
    ...p,
    pointLabel: p.step === 1 ? (p.strategy === baselineOwner ? 'baseline' : '') : p.label,
    labelY: p.top1,
    labelSide: labelSide(p, points),
    labelFlops: p.flops,
    ...tooltipText(p),
  }));
  for (const p of labelled) {
    if (p.labelSide !== 'left' && p.labelSide !== 'right') continue;
    const near = labelled
      .filter((q) => q.step === p.step && q.labelSide === p.labelSide && q.pointLabel !== '')
      .map((q) => q.flops)
      .filter((f) => f <= p.flops * NEAR && f >= p.flops / NEAR);
    p.labelFlops = p.labelSide === 'right' ? Math.max(p.flops, ...near) : Math.min(p.flops, ...near);
  }
  const [lo, hi] = layout.yDomain;
  const gap = ((layout.gapPx ?? 13) * (hi - lo)) / layout.height;
  const steps = [...new Set(labelled.map((p) => p.step))];
  for (const step of steps) {
    const group = labelled.filter((p) => p.step === step && p.pointLabel !== '').sort((a, b) => a.top1 - b.top1);
    for (let i = 1; i < group.length; i++) group[i].labelY = Math.max(group[i].labelY, group[i - 1].labelY + gap);
    // Pushing up may run past the top of the panel; slide the whole stack back down inside it.
    const overflow = group.length > 0 ? group[group.length - 1].labelY - (hi - gap / 2) : 0;
    if (overflow > 0) for (const p of group) p.labelY -= overflow;
    for (const p of group) p.labelY = Number(p.labelY.toFixed(4));
  }
  return labelled;
}

const NEAR = 1.15;

/** The side of a point its own line leaves free (see the module header). */
export function labelSide(p: ChartPoint, points: readonly ChartPoint[]): LabelSide {
  if (p.step === 1) return 'left';
  const next = points.filter((q) => q.strategy === p.strategy && q.step > p.step).sort((a, b) => a.step - b.step)[0];
  if (!next) return 'right';
  const crowded = points.some(
    (q) => q !== p && q.step === p.step && q.flops <= p.flops * NEAR && q.flops >= p.flops / NEAR,
  );
  if (crowded) return 'right';
  // The segment to the next step rises to the right: the space under it is free, and vice versa.
  return next.top1 >= p.top1 ? 'below' : 'above';
}
