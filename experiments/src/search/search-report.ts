/**
 * The search's report in `reports/<family>-search/`: results.csv, a Vega-Lite chart (top-1 against α, β and
 * γ in three panels, coloured by the real FLOPs ratio) rendered to SVG and PNG with the experiment reports'
 * renderers, summary.md (the candidate table and the verdict) and candidates.json.
 */
import { ensureWritableDir, type ResultRow, rowsToCsv, renderSvg, svgToPng, writeReportDir } from '@scaling-lab/report';
import type { MeasuredCandidate } from './real-ratio';
import type { RankedCandidate } from './ranking';

export interface SearchSummary {
  readonly title: string;
  readonly backbone: string;
  readonly preset: string;
  readonly dataset: string;
  readonly step: number;
  readonly tolerance: number;
  readonly seeds: number;
  /** Grid points meeting the α·β²·γ² constraint (paper's included). */
  readonly gridSize: number;
  /** Of those, how many reach a real FLOPs ratio within the tolerance. */
  readonly passedFilter: number;
  /** The candidates trained, in training order. */
  readonly candidates: readonly MeasuredCandidate[];
  readonly ranked: readonly RankedCandidate[];
  readonly verdict: string;
}

export const SEARCH_REPORT_FILES = [
  'results.csv',
  'chart.vl.json',
  'chart.svg',
  'chart.png',
  'summary.md',
  'candidates.json',
] as const;

const pct = (x: number) => (100 * x).toFixed(2);

function role(r: RankedCandidate): string {
  return r.rank === 1 ? 'chosen' : r.candidate.isPaper ? 'paper' : 'candidate';
}

export function searchChartSpec(s: SearchSummary): object {
  const values = s.ranked.map((r) => ({
    candidate: r.candidate.label,
    α: r.candidate.coefficients.alpha,
    β: r.candidate.coefficients.beta,
    γ: r.candidate.coefficients.gamma,
    realRatio: Number(r.candidate.realRatio.toFixed(3)),
    top1: 100 * r.top1Mean,
    lo: r.top1Sd === null ? null : 100 * (r.top1Mean - r.top1Sd),
    hi: r.top1Sd === null ? null : 100 * (r.top1Mean + r.top1Sd),
    rank: r.rank,
    role: role(r),
  }));
  const x = { field: 'value', type: 'quantitative', scale: { zero: false, padding: 12 }, title: 'coefficient value' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: s.title,
      subtitle: `${s.dataset}, preset ${s.preset}; top-1 mean${s.seeds > 1 ? ' ± sd' : ''} over ${s.seeds} seed(s), each at a real ×2 FLOPs`,
    },
    data: { values },
    transform: [{ fold: ['α', 'β', 'γ'], as: ['coefficient', 'value'] }],
    facet: {
      column: {
        field: 'coefficient',
        type: 'nominal',
        sort: ['α', 'β', 'γ'],
        title: null,
        header: { labelFontSize: 16 },
      },
    },
    spec: {
      width: 240,
      height: 220,
      layer: [
        {
          transform: [{ filter: 'datum.lo != null' }],
          mark: { type: 'rule', color: '#999' },
          encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
        },
        {
          mark: { type: 'point', filled: true, size: 110, stroke: '#333', strokeWidth: 0.5 },
          encoding: {
            x,
            y: { field: 'top1', type: 'quantitative', scale: { zero: false }, title: 'top-1 (%)' },
            color: {
              field: 'realRatio',
              type: 'quantitative',
              title: 'real FLOPs ratio',
              scale: { scheme: 'viridis' },
            },
            shape: {
              field: 'role',
              type: 'nominal',
              title: null,
              scale: { domain: ['chosen', 'paper', 'candidate'], range: ['diamond', 'square', 'circle'] },
            },
            tooltip: [
              { field: 'candidate' },
              { field: 'rank' },
              { field: 'top1', format: '.2f', title: 'top-1 (%)' },
              { field: 'realRatio', title: 'real FLOPs ratio' },
            ],
          },
        },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  };
}

export function searchMarkdown(s: SearchSummary): string {
  const byLabel = new Map(s.ranked.map((r) => [r.candidate.label, r]));
  const rows = s.candidates
    .map((c) => ({ c, r: byLabel.get(c.label) }))
    .sort((a, b) => (a.r?.rank ?? Infinity) - (b.r?.rank ?? Infinity));
  const lines = [
    `# ${s.title}`,
    '',
    `Backbone \`${s.backbone}\`, dataset \`${s.dataset}\`, preset \`${s.preset}\`; grid step ${s.step}, tolerance ${s.tolerance} ` +
      `(|α·β²·γ² / 2 − 1| and |real ratio / 2 − 1| at most ${s.tolerance}); ${s.seeds} seed(s) per candidate.`,
    `${s.gridSize} grid points meet the constraint, ${s.passedFilter} of them reach a real FLOPs ratio of 2 (φ solved per candidate, ` +
      `after rounding) within the tolerance; ${s.candidates.length} were trained, the paper's (1.2, 1.1, 1.15) among them for comparison.`,
    '',
    `**${s.verdict}**`,
    '',
    ...paperNote(s),
    '| rank | candidate | α | β | γ | α·β²·γ² | φ | real FLOPs ratio | multiply-adds | top-1 % (mean ± sd, n) |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(({ c, r }) => {
      const k = c.coefficients;
      const note = c.isPaper ? ' (paper)' : '';
      const top1 = r
        ? `${pct(r.top1Mean)}${r.top1Sd === null ? '' : ` ± ${pct(r.top1Sd)}`} (${r.seeds})`
        : 'not finished';
      return (
        `| ${r?.rank ?? '—'} | ${c.label}${note} | ${k.alpha} | ${k.beta} | ${k.gamma} | ${c.nominalRatio.toFixed(3)} | ${c.phi} | ` +
        `${c.realRatio.toFixed(3)} | ${(c.flops / 1e6).toFixed(2)}M | ${top1} |`
      );
    }),
    '',
  ];
  return lines.join('\n');
}

/** When no φ brings the paper's coefficients near ×2 after rounding, the comparison is not at matched FLOPs. */
function paperNote(s: SearchSummary): string[] {
  const paper = s.candidates.find((c) => c.isPaper);
  if (!paper || Math.abs(paper.realRatio / 2 - 1) <= s.tolerance) return [];
  return [
    `Note: after rounding, the paper's coefficients reach ×${paper.realRatio.toFixed(2)} the baseline's FLOPs at the closest φ (${paper.phi}), not ×2, ` +
      'so they are compared here at a higher cost than the other candidates.',
    '',
  ];
}

export async function writeSearchReport(s: SearchSummary, rows: readonly ResultRow[], outDir: string): Promise<void> {
  await ensureWritableDir(outDir);
  const spec = searchChartSpec(s);
  const svg = await renderSvg(spec);
  const files: Record<(typeof SEARCH_REPORT_FILES)[number], string | Uint8Array> = {
    'results.csv': await rowsToCsv(rows),
    'chart.vl.json': `${JSON.stringify(spec, null, 2)}\n`,
    'chart.svg': svg,
    'chart.png': svgToPng(svg),
    'summary.md': searchMarkdown(s),
    'candidates.json': `${JSON.stringify({ ...s, candidates: s.candidates, ranked: s.ranked }, null, 2)}\n`,
  };
  await writeReportDir(outDir, files);
}
