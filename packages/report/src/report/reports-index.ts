/**
 * reports/index.html: one card per experiment subdirectory that holds a report.json: its chart.png as a
 * thumbnail linking its page, its verdict at the largest matched cost and its headline numbers. Non-default presets keep their reports one level down (`smoke/<experiment>/`), so a
 * directory without a report.json is searched once more. Reads only report.json files, so listing many
 * experiments stays cheap.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '@scaling-lab/core';
import { ensureWritableDir, withOutputDir } from '../io/output-dir';
import { PAGE_STYLE } from '../render/html-page';
import { escapeHtml } from '../render/html-escape';
import { formatFlops, formatTop1 } from '../summary/format';
import type { ReportJson } from './experiment-report';

export interface IndexedReport {
  dir: string;
  report: ReportJson;
}

export async function readReports(
  reportsDir: string,
  descend = true,
): Promise<{ reports: IndexedReport[]; skipped: string[] }> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(reportsDir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { reports: [], skipped: [] };
    throw err;
  }
  const reports: IndexedReport[] = [];
  const skipped: string[] = [];
  // Hidden directories are reports being written (staging) or replaced.
  for (const e of entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const report = await readReportJson(path.join(reportsDir, e.name));
    if (report) {
      reports.push({ dir: e.name, report });
      continue;
    }
    if (!descend) {
      skipped.push(e.name);
      continue;
    }
    const nested = await readReports(path.join(reportsDir, e.name), false);
    if (nested.reports.length === 0) skipped.push(e.name);
    reports.push(...nested.reports.map((r) => ({ dir: `${e.name}/${r.dir}`, report: r.report })));
    skipped.push(...nested.skipped.map((s) => `${e.name}/${s}`));
  }
  return { reports, skipped };
}

async function readReportJson(dir: string): Promise<ReportJson | null> {
  try {
    return JSON.parse(await fs.readFile(path.join(dir, 'report.json'), 'utf8')) as ReportJson;
  } catch {
    return null;
  }
}

/** The verdict at the largest FLOPs level where at least two strategies are compared, without its details. */
export function indexVerdict(report: ReportJson): string {
  const h = report.headline;
  const verdict = [...(h.verdicts ?? [])].reverse().find((v) => v.ranking.length >= 2);
  if (verdict) {
    const sentence = verdict.sentence.replace(/ \[.*$/, '');
    return sentence.charAt(0).toUpperCase() + sentence.slice(1);
  }
  if (h.finished === 0) return 'No results yet.';
  return 'No verdict yet: no two strategies have been measured at a matched cost.';
}

function cardHtml({ dir, report }: IndexedReport): string {
  const h = report.headline;
  const base = dir.split('/').map(encodeURIComponent).join('/');
  const best = h.best
    ? `best ${escapeHtml(formatTop1(h.best))}% (${escapeHtml(h.best.strategy)} ${escapeHtml(h.best.label)}, ${escapeHtml(formatFlops(h.best.flops))} multiply-adds)`
    : 'best —';
  const baseline = h.baseline ? `baseline ${escapeHtml(formatTop1(h.baseline))}%` : 'baseline —';
  return `<article class="experiment">
<a class="thumb" href="${base}/index.html"><img src="${base}/chart.png" alt="Chart of ${escapeHtml(report.name)}: top-1 accuracy against multiply-adds and params" loading="lazy"></a>
<h2><a href="${base}/index.html">${escapeHtml(report.title)}</a></h2>
<p class="facts"><code>${escapeHtml(report.name)}</code> · ${escapeHtml(report.backbone)} · ${escapeHtml(report.dataset)} · preset ${escapeHtml(report.preset)} · ${h.finished} / ${h.planned} runs</p>
<p class="verdict">${escapeHtml(indexVerdict(report))}</p>
<p class="numbers">Top-1: ${baseline} · ${best}</p>
</article>`;
}

const INDEX_STYLE = `
.experiments { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 1.5rem; }
article.experiment { border: 1px solid #ddd; border-radius: 6px; padding: 1rem; }
article.experiment img { width: 100%; height: auto; display: block; border: 1px solid #eee; }
article.experiment h2 { font-size: 1.15rem; margin: .75rem 0 .25rem; }
article.experiment h2 a { color: inherit; }
article.experiment .verdict { font-size: 1.05rem; margin: .5rem 0; }
article.experiment .numbers { color: #555; margin: 0; }
`.trim();

export function reportsIndexHtml(reports: readonly IndexedReport[]): string {
  const body =
    reports.length === 0
      ? '<p><em>No experiment reports yet.</em></p>'
      : `<p class="facts">${reports.length} experiment${reports.length === 1 ? '' : 's'}. Each card shows the chart (click for the full report) and the verdict at the largest cost where strategies were compared.</p>
<div class="experiments">
${reports.map(cardHtml).join('\n')}
</div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Scaling Lab reports</title>
<style>
${PAGE_STYLE}
${INDEX_STYLE}
</style>
</head>
<body>
<h1>Scaling Lab reports</h1>
${body}
</body>
</html>
`;
}

/** Write `<reportsDir>/index.html`; returns the experiments listed. */
export async function writeReportsIndex(reportsDir: string): Promise<IndexedReport[]> {
  await ensureWritableDir(reportsDir);
  const { reports } = await readReports(reportsDir);
  await withOutputDir(reportsDir, () =>
    writeFileAtomic(path.join(reportsDir, 'index.html'), reportsIndexHtml(reports)),
  );
  return reports;
}
