/**
 * reports/index.html: one line per experiment subdirectory that holds a report.json, linking its page with
 * its headline numbers. Non-default presets keep their reports one level down (`smoke/<experiment>/`), so a
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

function rowHtml({ dir, report }: IndexedReport): string {
  const h = report.headline;
  const best = h.best
    ? `${escapeHtml(formatTop1(h.best))}% <span class="meta">(${escapeHtml(h.best.strategy)} ${escapeHtml(h.best.label)}, ${escapeHtml(formatFlops(h.best.flops))})</span>`
    : '—';
  const baseline = h.baseline ? `${escapeHtml(formatTop1(h.baseline))}%` : '—';
  // The verdict at the largest FLOPs level where at least two strategies are compared.
  const verdict = [...(h.verdicts ?? [])].reverse().find((v) => v.ranking.length >= 2);
  const verdictCell = verdict ? escapeHtml(verdict.sentence.replace(/ \[.*$/, '')) : '—';
  const href = `${dir.split('/').map(encodeURIComponent).join('/')}/index.html`;
  return (
    `<tr><td><a href="${href}">${escapeHtml(report.name)}</a></td><td>${escapeHtml(report.title)}</td>` +
    `<td>${escapeHtml(report.backbone)}</td><td>${escapeHtml(report.dataset)}</td><td>${escapeHtml(report.preset)}</td>` +
    `<td>${h.finished} / ${h.planned}</td><td>${baseline}</td><td>${best}</td><td>${verdictCell}</td></tr>`
  );
}

export function reportsIndexHtml(reports: readonly IndexedReport[]): string {
  const body =
    reports.length === 0
      ? '<p><em>No experiment reports yet.</em></p>'
      : `<table class="summary">
<thead><tr><th>Experiment</th><th>Title</th><th>Backbone</th><th>Dataset</th><th>Preset</th><th>Runs finished</th><th>Baseline top-1</th><th>Best top-1</th><th>Verdict at the largest matched cost</th></tr></thead>
<tbody>
${reports.map(rowHtml).join('\n')}
</tbody>
</table>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Scaling Lab reports</title>
<style>
${PAGE_STYLE}
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
