import { chartPoints } from '../aggregate/chart-points';
import { missingPoints } from '../aggregate/missing-points';
import { pointKey } from '../result-row';
import { syntheticInfo, syntheticRows } from '../../testing/synthetic-ladder';
import { buildExperimentReport, runCount } from '../report/experiment-report';
import { headline, headlineLines } from './headline';
import { summaryMarkdown } from './summary-markdown';
import { summaryTable } from './summary-table';

function summaryFor(seeds: number[], keep: (i: number) => boolean = () => true) {
  const all = syntheticRows({ seeds });
  const rows = all.filter((_, i) => keep(i));
  const info = syntheticInfo({ seeds });
  const points = chartPoints(rows);
  const table = summaryTable(points, info.planned);
  const missing = missingPoints(info.planned, rows);
  const head = headline(points, table, {
    planned: info.planned.length,
    finished: rows.length,
    missing: missing.length,
  });
  return { all, rows, info, table, missing, md: summaryMarkdown(info, table, missing, head), head };
}

/** Cells of the markdown table row for ladder step k, keyed by strategy. */
function tableRow(md: string, k: number): Record<string, string> {
  const lines = md.split('\n');
  const header = lines
    .find((l) => l.startsWith('| FLOPs level'))!
    .split(' | ')
    .slice(1);
  header[header.length - 1] = header[header.length - 1].replace(/ \|$/, '');
  const line = lines.find((l) => l.startsWith(`| k=${k} |`))!;
  const cells = line.replace(/ \|$/, '').split(' | ').slice(1);
  return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
}

describe('summary.md', () => {
  it("bolds the best top-1 among the cells within 5% of the row's FLOPs level, and only that", () => {
    const { rows, md } = summaryFor([0, 1, 2]);
    const base = rows.find((r) => r.step === 1)!.flops;
    for (const k of [2, 4, 8]) {
      const means = new Map<string, number>();
      for (const s of ['depth', 'width', 'resolution', 'compound']) {
        const mine = rows.filter((r) => r.strategy === s && r.step === k);
        if (Math.abs(mine[0].flops / (k * base) - 1) > 0.05) {
          expect(tableRow(md, k)[s]).toContain(' ≠ ');
          continue;
        }
        const accs = mine.map((r) => r.top1);
        means.set(s, accs.reduce((a, b) => a + b, 0) / accs.length);
      }
      const best = means.size >= 2 ? [...means].sort((a, b) => b[1] - a[1])[0][0] : null;
      const cells = tableRow(md, k);
      for (const [strategy, cell] of Object.entries(cells)) expect(cell.includes('**')).toBe(strategy === best);
      // mean ± sd with n, the FLOPs reached (SI) and the scale label.
      expect(cells.width).toMatch(/^\*{0,2}\d+\.\d\d ± \d+\.\d\d\*{0,2} \(n=3\)(\*\*)? · [\d.]+M( ≠)? · w×\d/);
    }
  });

  it('shows single-seed cells without ± and a complete sweep without missing points', () => {
    const { md, table } = summaryFor([0]);
    expect(table.rows.map((r) => r.step)).toEqual([1, 2, 4, 8]);
    expect(tableRow(md, 4).depth).not.toContain('±');
    expect(md).toContain('All planned points have results.');
  });

  it('lists missing planned points and marks absent cells in a partial sweep', () => {
    const { all, md, missing } = summaryFor([0, 1], (i) => i % 5 !== 3);
    const dropped = all.filter((_, i) => i % 5 === 3);
    expect(missing.map(pointKey).sort()).toEqual(dropped.map(pointKey).sort());
    expect(md).toContain(`${dropped.length} planned run(s) have no result yet`);
    for (const d of dropped) expect(md).toContain(`- ${d.strategy} k=${d.step} seed ${d.seed}`);
  });

  it('still renders with no rows: every cell empty, every point missing', () => {
    const { md, info, head } = summaryFor([0], () => false);
    expect(tableRow(md, 2).compound).toBe('—');
    expect(md).toContain(`${info.planned.length} planned run(s) have no result yet`);
    expect(head.best).toBeNull();
    expect(headlineLines(head)[0]).toBe(
      `Finished 0 of ${info.planned.length} planned runs (${info.planned.length} missing).`,
    );
  });

  it('headline verdicts compare only at equal reached FLOPs, one per ladder level', () => {
    const { head } = summaryFor([0, 1, 2]);
    expect(head.verdicts.map((v) => v.ratio)).toEqual([2, 4, 8]);
    for (const v of head.verdicts) {
      // Every estimate is a point within 5% of the level or an interpolation between the strategy's own points.
      for (const e of v.ranking) {
        if (e.how === 'matched') expect(Math.abs(e.from[0] / v.ratio - 1)).toBeLessThanOrEqual(0.05 + 1e-9);
        else expect(e.from[0] < v.ratio && v.ratio < e.from[1]).toBe(true);
      }
      expect(v.sentence).toMatch(
        /^at \d\.\d× FLOPs \w+ \d+\.\d ± \d+\.\d% vs \w+ .*\(n=3\): \+\d+\.\d points, (larger than the spread|within noise)/,
      );
    }
    expect(headlineLines(head).slice(3)).toEqual(
      head.verdicts.map((v) => v.sentence.charAt(0).toUpperCase() + v.sentence.slice(1)),
    );
  });
});

describe('run counts', () => {
  it('counts the shared baseline once: 4 strategies × 3 steps + 1 baseline = 13 runs, not 16 rows', () => {
    const rows = syntheticRows({ seeds: [0] });
    const info = syntheticInfo({ seeds: [0] });
    expect(rows).toHaveLength(16);
    const report = buildExperimentReport(info, rows);
    expect(report.headline.planned).toBe(13);
    expect(report.headline.finished).toBe(13);
    const partial = buildExperimentReport(
      info,
      rows.filter((r) => !(r.step === 1 && r.strategy !== 'depth')),
    );
    // The baseline stored under one line still counts as run; its rows under the other lines are not runs.
    expect(partial.headline.finished).toBe(13);
    expect(runCount(info.planned)).toBe(13);
  });
});
