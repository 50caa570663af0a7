/**
 * A per-layer profile table in the style of fvcore's flop_count_table: one row per layer that has
 * parameters or cost, with multiply-adds (the paper's FLOPs) and elementwise ops in separate columns.
 */
import type { ModelProfile } from './profiler';
import { formatCount, formatInteger } from './units';

export function formatProfileTable(profile: ModelProfile): string {
  const header = ['layer', 'type', 'output shape', '#params', '#MACs (FLOPs)', 'share', '#other ops'];
  const total = profile.flops || 1;
  const rows = profile.layers
    .filter((l) => l.params > 0 || l.macs > 0 || l.otherOps > 0)
    .map((l) => [
      l.name,
      l.type,
      `(${l.outputShape.map((d) => (d === null ? 'N' : d)).join(', ')})`,
      formatInteger(l.params),
      l.macs > 0 ? formatCount(l.macs) : '-',
      l.macs > 0 ? `${((100 * l.macs) / total).toFixed(1)}%` : '-',
      l.otherOps > 0 ? formatCount(l.otherOps) : '-',
    ]);
  rows.push([
    'total',
    '',
    '',
    formatInteger(profile.params.total),
    formatCount(profile.flops),
    '100.0%',
    formatCount(profile.otherOps),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(header), rule, ...rows.slice(0, -1).map(line), rule, line(rows[rows.length - 1])].join('\n');
}
