/**
 * reports/paper-tables/: the comparison with the paper's Tables 2 and 3 as markdown (paper-tables.md), a
 * self-contained HTML page (index.html) and JSON (paper-tables.json), written all or nothing.
 */
import { formatCount, formatInteger } from '@scaling-lab/core';
import { ensureWritableDir, escapeHtml, PAGE_STYLE, writeReportDir } from '@scaling-lab/report';
import type { ComparedRow } from './compare';
import { PAPER_CITATION } from './paper-numbers';

export const PAPER_TABLE_FILES = ['paper-tables.md', 'index.html', 'paper-tables.json'] as const;

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)}%`;
const paperCount = (x: number) => `${Number((x / (x >= 1e9 ? 1e9 : 1e6)).toPrecision(3))}${x >= 1e9 ? 'B' : 'M'}`;

function scaling(r: ComparedRow): string {
  const parts: string[] = [];
  if (r.depth !== 1) parts.push(`d=${Number(r.depth.toFixed(2))}`);
  if (r.width !== 1) parts.push(`w=${Number(r.width.toFixed(2))}`);
  return [...parts, `${r.resolution}px`].join(', ');
}

function note(r: ComparedRow): string {
  if (r.irreproducible) return `Not reproducible from the paper's rules: ${r.irreproducible}.`;
  if (r.assumption) return `Assumed: ${r.assumption}.`;
  return '';
}

interface Column {
  readonly title: string;
  readonly cell: (r: ComparedRow) => string;
}

const TABLE2_COLUMNS: readonly Column[] = [
  { title: 'model', cell: (r) => r.row },
  { title: 'built as', cell: scaling },
  { title: 'params (ours)', cell: (r) => formatInteger(r.params) },
  { title: 'params (paper)', cell: (r) => (r.paperParams === null ? '—' : paperCount(r.paperParams)) },
  { title: 'Δ params', cell: (r) => (r.paramsDeviation === null ? '—' : signed(r.paramsDeviation)) },
  { title: 'MACs (ours)', cell: (r) => formatCount(r.flops) },
  { title: 'FLOPs (paper)', cell: (r) => paperCount(r.paperFlops) },
  { title: 'Δ FLOPs', cell: (r) => signed(r.flopsDeviation) },
];

const TABLE3_COLUMNS: readonly Column[] = [
  { title: 'row (as printed)', cell: (r) => r.row },
  { title: 'built as', cell: scaling },
  { title: 'params (ours)', cell: (r) => formatInteger(r.params) },
  { title: 'MACs (ours)', cell: (r) => formatCount(r.flops) },
  { title: 'FLOPs (paper)', cell: (r) => paperCount(r.paperFlops) },
  { title: 'Δ FLOPs', cell: (r) => signed(r.flopsDeviation) },
  { title: 'note', cell: note },
];

const INTRO =
  "Our models are built by this project's builders (1000 classes, RGB input) and counted by its profiler: params are " +
  'trainable parameters, MACs the multiply-adds of convolution and dense layers, the unit the paper calls FLOPs. The paper ' +
  "prints rounded figures; Δ is ours over the paper's, minus one.";

function mdTable(columns: readonly Column[], rows: readonly ComparedRow[]): string[] {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${columns.map((c) => c.title).join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${columns.map((c) => esc(c.cell(r))).join(' | ')} |`),
  ];
}

export function paperTablesMarkdown(table2: readonly ComparedRow[], table3: readonly ComparedRow[]): string {
  return [
    "# Our costs vs the EfficientNet paper's Tables 2 and 3",
    '',
    `Paper: ${PAPER_CITATION}.`,
    '',
    INTRO,
    '',
    '## Table 2: EfficientNet-B0 to B7',
    '',
    ...mdTable(TABLE2_COLUMNS, table2),
    '',
    '## Table 3: scaling up MobileNets and ResNet',
    '',
    ...mdTable(TABLE3_COLUMNS, table3),
    '',
  ].join('\n');
}

function htmlTable(columns: readonly Column[], rows: readonly ComparedRow[]): string {
  const head = columns.map((c) => `<th>${escapeHtml(c.title)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${columns.map((c) => `<td>${escapeHtml(c.cell(r))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table class="summary">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export function paperTablesHtml(table2: readonly ComparedRow[], table3: readonly ComparedRow[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Our costs vs the EfficientNet paper's Tables 2 and 3</title>
<style>
${PAGE_STYLE}
</style>
</head>
<body>
<h1>Our costs vs the EfficientNet paper's Tables 2 and 3</h1>
<p class="facts">Paper: ${escapeHtml(PAPER_CITATION)}.</p>
<p>${escapeHtml(INTRO)}</p>
<h2>Table 2: EfficientNet-B0 to B7</h2>
${htmlTable(TABLE2_COLUMNS, table2)}
<h2>Table 3: scaling up MobileNets and ResNet</h2>
${htmlTable(TABLE3_COLUMNS, table3)}
</body>
</html>
`;
}

export async function writePaperTables(
  dir: string,
  table2: readonly ComparedRow[],
  table3: readonly ComparedRow[],
): Promise<void> {
  await ensureWritableDir(dir);
  const files: Record<(typeof PAPER_TABLE_FILES)[number], string> = {
    'paper-tables.md': paperTablesMarkdown(table2, table3),
    'index.html': paperTablesHtml(table2, table3),
    'paper-tables.json': `${JSON.stringify({ citation: PAPER_CITATION, table2, table3 }, null, 2)}\n`,
  };
  await writeReportDir(dir, files);
}
