/**
 * chart.vl.json: accuracy vs FLOPs (the paper's Fig. 8) beside accuracy vs params, titled with the experiment,
 * backbone, dataset and preset. With no results it is a placeholder saying what is planned. Output is a pure
 * function of its inputs (no timestamps), so regenerated reports diff cleanly.
 */
import type { ChartPoint } from '../aggregate/chart-points';
import type { ExperimentInfo } from '../result-row';
import { type Json, LABEL_FONT_SIZE, accuracyView, yDomain } from './accuracy-view';
import { placeLabels } from './label-placement';
import { strategyColors } from './strategy-colors';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
/** Rendered as-is into SVG; resvg and browsers fall back along the list. */
export const CHART_FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

// chart.png/chart.svg size; index.html widens the panels to the page (render/html-page.ts).
const VIEW_WIDTH = 500;
const VIEW_HEIGHT = 360;

export interface ChartProgress {
  finished: number;
  planned: number;
}

export function chartTitle(info: ExperimentInfo, progress: ChartProgress): Json {
  return {
    text: info.title,
    subtitle: [
      `${info.name} · backbone ${info.backbone} · dataset ${info.dataset} · preset ${info.preset}`,
      `${progress.finished} of ${progress.planned} planned runs finished` +
        (new Set(info.planned.map((p) => p.seed)).size > 1 ? ' · error bars: mean ± sd over seeds' : ''),
    ],
    anchor: 'start',
    fontSize: 20,
    subtitleFontSize: 14,
    offset: 12,
  };
}

export function experimentChartSpec(
  info: ExperimentInfo,
  points: readonly ChartPoint[],
  progress: ChartProgress,
): Json {
  // Sizes a reader can take in at arm's length, in the page and in the 1200 px PNG alike.
  const config = {
    font: CHART_FONT,
    view: { stroke: '#ddd' },
    axis: { labelFontSize: 13, titleFontSize: 14 },
    legend: { labelFontSize: 14, titleFontSize: 14 },
  };
  const base = {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(info, progress),
    background: 'white',
    padding: 16,
    config,
  };
  if (points.length === 0) return placeholderSpec(base, progress);
  const colors = strategyColors(points.map((p) => p.strategy));
  const common = { points, colors, width: VIEW_WIDTH, height: VIEW_HEIGHT };
  return {
    ...base,
    data: {
      name: 'points',
      values: placeLabels(points, {
        yDomain: yDomain(points),
        height: VIEW_HEIGHT,
        gapPx: LABEL_FONT_SIZE + 3,
      }),
    },
    hconcat: [
      accuracyView({
        ...common,
        id: 'flops',
        xField: 'flops',
        xTitle: 'FLOPs (multiply-adds)',
        labels: true,
        alignStepLabels: true,
      }),
      accuracyView({ ...common, id: 'params', xField: 'params', xTitle: 'Parameters (trainable)', labels: true }),
    ],
    spacing: 40,
    resolve: { scale: { color: 'shared' }, legend: { color: 'shared' } },
  };
}

function placeholderSpec(base: Json, progress: ChartProgress): Json {
  const message =
    progress.planned > 0
      ? `No results yet: 0 of ${progress.planned} planned runs finished.`
      : 'No results yet and no runs planned.';
  return {
    ...base,
    width: VIEW_WIDTH * 2,
    height: 120,
    data: { name: 'points', values: [{ message }] },
    mark: { type: 'text', fontSize: 16, color: '#666' },
    encoding: { text: { field: 'message', type: 'nominal' } },
  };
}
