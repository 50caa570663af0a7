/**
 * summary.md: headline, the Table-3-style comparison at matched FLOPs (best per row in bold), and the planned
 * points that have no result yet, so a partial sweep says exactly what is left to run.
 */
import type { ExperimentInfo, PlannedPoint } from '../result-row';
import { formatFlops, formatStep, formatTop1 } from './format';
import { type Headline, progressLines, verdictLines } from './headline';
import type { SummaryCell, SummaryTable } from './summary-table';

/** Markdown table cells cannot hold a raw pipe. */
function cellText(s: string): string {
  return s.replace(/\|/g, '\\|');
}

export function formatCell(cell: SummaryCell | null): string {
  if (!cell) return '—';
  const p = cell.point;
  const acc = formatTop1(p) + (p.n > 1 ? ` (n=${p.n})` : '');
  return `${cell.best ? `**${acc}**` : acc} · ${formatFlops(p.flops)}${cell.matched ? '' : ' ≠'} · ${cellText(p.label)}`;
}

export function summaryMarkdown(
  info: ExperimentInfo,
  table: SummaryTable,
  missing: readonly PlannedPoint[],
  head: Headline,
): string {
  const out: string[] = [];
  out.push(`# ${info.title}`, '');
  out.push(
    `Experiment \`${info.name}\` · backbone \`${info.backbone}\` · dataset \`${info.dataset}\` · preset \`${info.preset}\``,
    '',
  );
  for (const line of progressLines(head)) out.push(`- ${line}`);
  out.push('', '## Verdicts at equal cost', '');
  const verdicts = verdictLines(head);
  if (verdicts.length === 0) out.push('_Fewer than two strategies have results: nothing to compare._');
  else {
    out.push(
      "Strategies are compared only at equal reached FLOPs: a point within ±5% of the level, or the strategy's accuracy " +
        'interpolated on log-FLOPs between two of its own points (never extrapolated). Margins are judged against the larger seed sd.',
      '',
    );
    for (const line of verdicts) out.push(`- ${line}`);
  }
  out.push('', '## Top-1 accuracy (%) by ladder step', '');
  out.push(
    'Rows are FLOPs-matched ladder steps (target ratio k to the baseline); each cell is top-1 (mean ± sd over seeds ' +
      'when n > 1) · multiply-adds actually reached · scale. Bold: the best among cells whose reached FLOPs are within ±5% ' +
      "of the row's level; a cell marked ≠ is off its level and is not ranked.",
    '',
  );
  if (table.rows.length === 0 || table.strategies.length === 0) {
    out.push('_No runs planned or finished yet._', '');
  } else {
    out.push(`| FLOPs level | ${table.strategies.map(cellText).join(' | ')} |`);
    out.push(`|---|${table.strategies.map(() => '---').join('|')}|`);
    for (const row of table.rows) out.push(`| ${formatStep(row.step)} | ${row.cells.map(formatCell).join(' | ')} |`);
    out.push('');
  }
  out.push('## Missing points', '');
  if (missing.length === 0) out.push('All planned points have results.');
  else {
    out.push(`${missing.length} planned run(s) have no result yet:`, '');
    for (const m of missing) out.push(`- ${m.strategy} ${formatStep(m.step)} seed ${m.seed}`);
  }
  out.push('');
  return out.join('\n');
}
