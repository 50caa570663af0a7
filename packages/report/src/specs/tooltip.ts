/**
 * What a hover over a point shows: the few facts a reader compares (strategy, scale, top-1 ± sd, multiply-adds,
 * params, input size, seeds), pre-formatted as text so no field can print as `null` or as a raw 12-digit count.
 * The full measurements stay in results.csv.
 */
import { formatCount } from '@scaling-lab/core';
import type { ChartPoint } from '../aggregate/chart-points';
import { formatTop1 } from '../summary/format';

export interface TooltipText {
  tipTop1: string;
  tipMacs: string;
  tipParams: string;
  tipResolution: string;
  tipSeeds: string;
}

/** Tooltip rows in display order; every field is a non-empty string on every labelled point. */
export const TOOLTIP_FIELDS: readonly { field: 'strategy' | 'label' | keyof TooltipText; title: string }[] = [
  { field: 'strategy', title: 'strategy' },
  { field: 'label', title: 'scale' },
  { field: 'tipTop1', title: 'top-1 (%)' },
  { field: 'tipMacs', title: 'multiply-adds' },
  { field: 'tipParams', title: 'params' },
  { field: 'tipResolution', title: 'resolution' },
  { field: 'tipSeeds', title: 'seed ids' },
];

export function tooltipText(p: ChartPoint): TooltipText {
  return {
    tipTop1: p.n > 1 ? `${formatTop1(p)} (n=${p.n})` : `${formatTop1(p)} (one seed)`,
    tipMacs: formatCount(p.flops),
    tipParams: formatCount(p.params),
    tipResolution: `${p.resolution} px`,
    tipSeeds: p.seeds === '' ? String(p.n) : p.seeds,
  };
}
