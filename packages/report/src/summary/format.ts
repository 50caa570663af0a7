/**
 * Shared number formats of the summary and headline: accuracies with two decimals and ± sd when seeds > 1,
 * multiply-adds with SI suffixes (formatCount from core, the profiler's unit).
 */
import { formatCount } from '@scaling-lab/core';
import type { ChartPoint } from '../aggregate/chart-points';

export function formatTop1(p: Pick<ChartPoint, 'top1' | 'top1Sd' | 'n'>): string {
  return p.n > 1 && p.top1Sd !== null ? `${p.top1.toFixed(2)} ± ${p.top1Sd.toFixed(2)}` : p.top1.toFixed(2);
}

export function formatFlops(flops: number): string {
  return formatCount(flops);
}

export function formatStep(step: number): string {
  return `k=${Number(step.toFixed(3))}`;
}
