/**
 * One accuracy panel in the manner of EfficientNet Fig. 8: a cost on a log x-axis (FLOPs or params), top-1 on
 * y, one coloured line per strategy through its ladder steps, filled points with full tooltips, optional
 * mean ± sd error bars and scale labels. Data is pre-aggregated (chart-points.ts), so no VL aggregation here.
 */
import type { ChartPoint } from '../aggregate/chart-points';
import { type ColorScale } from './strategy-colors';
import { logTicks, paddedLogDomain } from './log-ticks';

export interface AccuracyViewOptions {
  /** Mark-name prefix, e.g. 'flops' gives marks named flops_points, flops_labels. */
  id: string;
  xField: 'flops' | 'params';
  xTitle: string;
  points: readonly ChartPoint[];
  colors: ColorScale;
  /** Draw the scale label next to each point (the main panel does; the second keeps it uncluttered). */
  labels: boolean;
  width: number;
  height: number;
}

/** Every ChartPoint field with a readable title and format, so a hover shows everything about a point. */
export const TOOLTIP_FIELDS: readonly { field: keyof ChartPoint; title: string; format?: string }[] = [
  { field: 'strategy', title: 'strategy' },
  { field: 'step', title: 'FLOPs ratio k' },
  { field: 'label', title: 'scale' },
  { field: 'top1', title: 'top-1 (%)', format: '.2f' },
  { field: 'top1Sd', title: 'top-1 sd', format: '.2f' },
  { field: 'n', title: 'seeds (n)' },
  { field: 'seeds', title: 'seed values' },
  { field: 'top1Low', title: 'mean − sd', format: '.2f' },
  { field: 'top1High', title: 'mean + sd', format: '.2f' },
  { field: 'top5', title: 'top-5 (%)', format: '.2f' },
  { field: 'loss', title: 'loss', format: '.4f' },
  { field: 'flops', title: 'FLOPs (multiply-adds)', format: ',' },
  { field: 'params', title: 'params', format: ',' },
  { field: 'depth', title: 'depth ×' },
  { field: 'width', title: 'width ×' },
  { field: 'resolution', title: 'resolution (px)' },
  { field: 'phi', title: 'φ' },
  { field: 'epochs', title: 'epochs' },
  { field: 'seconds', title: 'seconds' },
  { field: 'imgPerSec', title: 'img/s' },
  { field: 'backend', title: 'backend' },
  { field: 'dataset', title: 'dataset' },
];

const NUMERIC = new Set<keyof ChartPoint>([
  'step',
  'top1',
  'top1Sd',
  'n',
  'top1Low',
  'top1High',
  'top5',
  'loss',
  'flops',
  'params',
  'depth',
  'width',
  'resolution',
  'phi',
  'epochs',
  'seconds',
  'imgPerSec',
]);

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
  const xDomain = paddedLogDomain(xs);
  const x = {
    field: o.xField,
    type: 'quantitative',
    title: o.xTitle,
    scale: { type: 'log', domain: xDomain, nice: false },
    // SI suffixes read as 50M, 1G; d3's "~s" also trims trailing zeros.
    axis: { format: '~s', values: logTicks(...xDomain), grid: true },
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
  const tooltip = TOOLTIP_FIELDS.map((t) => ({
    field: t.field,
    title: t.title,
    type: NUMERIC.has(t.field) ? 'quantitative' : 'nominal',
    ...(t.format ? { format: t.format } : {}),
  }));

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
    const label = {
      transform: [{ filter: "datum.pointLabel != ''" }],
      // Labels sit at labelY (spread apart by label-placement.ts), on the panel's own y scale.
      encoding: { x, y: { ...y, field: 'labelY' }, text: { field: 'pointLabel' } },
    };
    // Right of the point, clear of its error-bar ticks; label-placement.ts spreads a step's labels apart.
    const text = { type: 'text', align: 'left', baseline: 'middle', dx: 9, fontSize: 11 };
    // A white outline under each label keeps it legible where it crosses a line or grid rule.
    layers.push({
      name: `${o.id}_label_halos`,
      ...label,
      mark: { ...text, stroke: 'white', strokeWidth: 3, fill: 'white' },
    });
    layers.push({ name: `${o.id}_labels`, ...label, mark: text, encoding: { ...label.encoding, color } });
  }
  return { width: o.width, height: o.height, layer: layers };
}
