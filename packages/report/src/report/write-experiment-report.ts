/**
 * Writes `reports/<experiment>/`: results.csv, chart.vl.json, chart.svg, chart.png, summary.md, index.html
 * and report.json (docs/architecture.md "Results and reports"), all or nothing: the directory is rendered aside
 * and swapped in, so a failed write (a full disk) leaves the previous report as it was.
 */
import { ensureWritableDir } from '../io/output-dir';
import { type WriteFile, writeReportDir } from '../io/write-report-dir';
import { renderSvg } from '../render/svg';
import { svgToPng } from '../render/png';
import { reportHtml } from '../render/html-page';
import type { ExperimentInfo, ResultRow } from '../result-row';
import { rowsToCsv } from '../store/csv';
import { headlineLines } from '../summary/headline';
import { summaryMarkdown } from '../summary/summary-markdown';
import { missingListHtml, summaryTableHtml } from '../summary/summary-html';
import { type ExperimentReport, buildExperimentReport, reportJson } from './experiment-report';

export const REPORT_FILES = [
  'results.csv',
  'chart.vl.json',
  'chart.svg',
  'chart.png',
  'summary.md',
  'index.html',
  'report.json',
] as const;

export async function writeExperimentReport(
  info: ExperimentInfo,
  rows: readonly ResultRow[],
  outDir: string,
  writeFile?: WriteFile,
): Promise<ExperimentReport> {
  // Fail before the (slow) rendering, with a message naming the directory and the fix.
  await ensureWritableDir(outDir);
  const report = buildExperimentReport(info, rows);
  const svg = await renderSvg(report.spec);
  const png = svgToPng(svg);
  const head = headlineLines(report.headline);
  const files: Record<(typeof REPORT_FILES)[number], string | Uint8Array> = {
    'results.csv': await rowsToCsv(report.rows),
    'chart.vl.json': JSON.stringify(report.spec, null, 2) + '\n',
    'chart.svg': svg,
    'chart.png': png,
    'summary.md': summaryMarkdown(info, report.table, report.missing, report.headline),
    'index.html': reportHtml({
      info,
      spec: report.spec,
      headline: head,
      summaryHtml: summaryTableHtml(report.table),
      missingHtml: missingListHtml(report.missing),
    }),
    'report.json': JSON.stringify(reportJson(report), null, 2) + '\n',
  };
  await writeReportDir(outDir, files, writeFile);
  return report;
}
