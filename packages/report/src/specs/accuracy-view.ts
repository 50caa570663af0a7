/**
 * One accuracy panel in the manner of EfficientNet Fig. 8: a cost on a log x-axis (FLOPs or params), top-1 on
 * y, one coloured line per strategy through its ladder steps, filled points with short tooltips, optional
 * mean ± sd error bars and scale labels. Data is pre-aggregated (chart-points.ts), so no VL aggregation here.
 */
import type { ChartPoint } from '../aggregate/chart-points';
import { type ColorScale } from './strategy-colors';
import { LABEL_SIDES, type LabelSide } from './label-placement';
import { logTicks, paddedLogDomain } from './log-ticks';
import { TOOLTIP_FIELDS } from './tooltip';

/** Label text size in pixels; label-placement.ts spaces stacked labels by at least this plus leading. */
export const LABEL_FONT_SIZE = 13;

// Text mark placement per side: far enough from the point to clear its symbol and error-bar ticks.
const SIDE_MARKS: Record<LabelSide, Json> = {
  left: { align: 'right', baseline: 'middle', dx: -10 },
  right: { align: 'left', baseline: 'middle', dx: 10 },
  // Diagonal to the point, into the quadrant its outgoing segment leaves free.
  above: { align: 'left', baseline: 'bottom', dx: 7, dy: -7 },
  below: { align: 'left', baseline: 'top', dx: 7, dy: 7 },
};

export interface AccuracyViewOptions {
  /** Mark-name prefix, e.g. 'flops' gives marks named flops_points, flops_labels. */
  id: string;
  xField: 'flops' | 'params';
  xTitle: string;
  points: readonly ChartPoint[];
  colors: ColorScale;
  /** Draw the scale label next to each point. */
  labels: boolean;
  /**
   * Draw a step's right-hand (and left-hand) labels at the step's outermost point, so a label never runs
   * over a neighbouring strategy's point of the same step. Right for the FLOPs panel, where a step's points
   * sit close together; on the params panel they are apart and labels stay at their own points.
   */
  alignStepLabels?: boolean;
  width: number;
  height: number;
}

// Vega-Lite's types for layered encodings are very deep; specs are built as plain JSON and validated by
// compiling them (tests and render/svg.ts do), which is what the chart files are anyway.
export type Json = Record<string, unknown>;

/** The top-1 domain of a panel: every mean ± sd inside, with headroom above for labels. */
export function yDomain(points: readonly ChartPoint[]): [number, number] {
  const ys = points.flatMap((p) => [p.top1Low, p.top1High]);
  const pad = Math.max(0.5, (Math.max(...ys) - Math.min(...ys)) * 0.08);
  return [Number((Math.min(...ys) - pad).toFixed(3)), Number((Math.max(...ys) + pad * 1.5).toFixed(3))];
}

export function accuracyView(o: AccuracyViewOptions): Json {
  const xs = o.points.map((p) => p[o.xField]);
  // Room on both sides for the baseline's label (left) and the line ends' labels (right): about a label's
  // width, a fifth of the span's log range, beyond the usual margin.
  const labelRoom = o.labels ? 1.25 * Math.max(1.25, (Math.max(...xs) / Math.min(...xs)) ** 0.2) : 1.25;
  const xDomain = paddedLogDomain(xs, labelRoom, labelRoom);
  const x = {
    field: o.xField,
    type: 'quantitative',
    title: o.xTitle,
    scale: { type: 'log', domain: xDomain, nice: false },
    // SI suffixes read as 50M, 1G; d3's "~s" also trims trailing zeros.
    // 'greedy' drops tick labels that would touch when the page makes a panel narrow.
    axis: { format: '~s', values: logTicks(...xDomain), grid: true, labelOverlap: 'greedy', labelSeparation: 8 },
  };
  const y = {
    field: 'top1',
    type: 'quantitative',
    title: 'Top-1 accuracy (%)',
    scale: { zero: false, nice: false, domain: yDomain(o.points) },
    // '~' drops trailing zeros: whole percents read '72', half steps on a narrow range read '72.5'.
    axis: { format: '.1~f' },
  };
  const color = {
    field: 'strategy',
    type: 'nominal',
    title: 'Scaling strategy',
    scale: { domain: o.colors.domain, range: o.colors.range },
    legend: { orient: 'bottom', direction: 'horizontal', symbolOpacity: 1, symbolStrokeWidth: 0, symbolSize: 90 },
  };
  const tooltip = TOOLTIP_FIELDS.map((t) => ({ field: t.field, title: t.title, type: 'nominal' }));

  const layers: Json[] = [
    {
      name: `${o.id}_lines`,
      mark: { type: 'line', strokeWidth: 2 },
      encoding: { x, y, color, order: { field: 'step' } },
    },
  ];
  if (o.points.some((p) => p.n > 1)) {
    layers.push({
      name: `${o.id}_errorbars`,
      transform: [{ filter: 'datum.n > 1' }],
      mark: { type: 'errorbar', ticks: true },
      encoding: { x, y: { ...y, field: 'top1Low' }, y2: { field: 'top1High' }, color },
    });
  }
  layers.push({
    name: `${o.id}_points`,
    mark: { type: 'point', filled: true, size: 70, opacity: 1 },
    encoding: { x, y, color, tooltip },
  });
  if (o.labels) {
    for (const side of LABEL_SIDES) {
      const outermost = o.alignStepLabels && (side === 'left' || side === 'right');
      const label = {
        transform: [{ filter: `datum.pointLabel != '' && datum.labelSide == '${side}'` }],
        // Labels sit at labelY (spread apart by label-placement.ts), on the panel's own y scale.
        encoding: {
          x: outermost ? { ...x, field: 'labelFlops' } : x,
          y: { ...y, field: 'labelY' },
          text: { field: 'pointLabel' },
        },
      };
      const text = { type: 'text', fontSize: LABEL_FONT_SIZE, ...SIDE_MARKS[side] };
      // A white outline under each label keeps it legible where it crosses a grid rule.
      layers.push({
        name: `${o.id}_label_halos_${side}`,
        ...label,
        mark: { ...text, stroke: 'white', strokeWidth: 4, fill: 'white' },
      });
      layers.push({ name: `${o.id}_labels_${side}`, ...label, mark: text, encoding: { ...label.encoding, color } });
    }
  }
  return { width: o.width, height: o.height, layer: layers };
}
