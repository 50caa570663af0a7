/**
 * The summary table and missing-point list as HTML for index.html, from the same model as summary.md.
 */
import type { PlannedPoint } from '../result-row';
import { escapeHtml } from '../render/html-escape';
import { formatFlops, formatStep, formatTop1 } from './format';
import type { SummaryCell, SummaryTable } from './summary-table';

function cellHtml(cell: SummaryCell | null): string {
  if (!cell) return '<td class="empty">—</td>';
  const p = cell.point;
  const acc = escapeHtml(formatTop1(p)) + (p.n > 1 ? ` <span class="n">(n=${p.n})</span>` : '');
  return (
    `<td${cell.best ? ' class="best"' : ''}>${cell.best ? `<strong>${acc}</strong>` : acc}` +
    `<div class="meta">${escapeHtml(formatFlops(p.flops))}${cell.matched ? '' : ' <span title="reached FLOPs off this level: not ranked">≠</span>'} · ${escapeHtml(p.label)}</div></td>`
  );
}

export function summaryTableHtml(table: SummaryTable): string {
  if (table.rows.length === 0 || table.strategies.length === 0)
    return '<p><em>No runs planned or finished yet.</em></p>';
  const head = table.strategies.map((s) => `<th>${escapeHtml(s)}</th>`).join('');
  const body = table.rows
    .map((r) => `<tr><th scope="row">${escapeHtml(formatStep(r.step))}</th>${r.cells.map(cellHtml).join('')}</tr>`)
    .join('\n');
  return `<table class="summary">\n<thead><tr><th>FLOPs level</th>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export function missingListHtml(missing: readonly PlannedPoint[]): string {
  if (missing.length === 0) return '<p>All planned points have results.</p>';
  const items = missing.map((m) => `<li>${escapeHtml(`${m.strategy} ${formatStep(m.step)} seed ${m.seed}`)}</li>`);
  return `<p>${missing.length} planned run(s) have no result yet:</p>\n<ul class="missing">\n${items.join('\n')}\n</ul>`;
}
