import { chartPoints } from '../aggregate/chart-points';
import { missingPoints } from '../aggregate/missing-points';
import { runKey } from '../result-row';
import { syntheticInfo, syntheticRows } from '../testing/synthetic-ladder';
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
  const head = headline(points, table, { planned: info.planned.length, finished: rows.length, missing: missing.length });
  return { all, rows, info, table, missing, md: summaryMarkdown(info, table, missing, head), head };
}

/** Cells of the markdown table row for ladder step k, keyed by strategy. */
function tableRow(md: string, k: number): Record<string, string> {
  const lines = md.split('\n');
  const header = lines.find((l) => l.startsWith('| FLOPs level'))!.split(' | ').slice(1);
  header[header.length - 1] = header[header.length - 1].replace(/ \|$/, '');
  const line = lines.find((l) => l.startsWith(`| k=${k} |`))!;
  const cells = line.replace(/ \|$/, '').split(' | ').slice(1);
  return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
}

describe('summary.md', () => {
  it('bolds the best top-1 of every matched-FLOPs row, and only that', () => {
    const { rows, md } = summaryFor([0, 1, 2]);
    for (const k of [2, 4, 8]) {
      const means = new Map<string, number>();
      for (const s of ['depth', 'width', 'resolution', 'compound']) {
        const accs = rows.filter((r) => r.strategy === s && r.step === k).map((r) => r.top1);
        means.set(s, accs.reduce((a, b) => a + b, 0) / accs.length);
      }
      const best = [...means].sort((a, b) => b[1] - a[1])[0][0];
      const cells = tableRow(md, k);
      for (const [strategy, cell] of Object.entries(cells)) expect(cell.includes('**')).toBe(strategy === best);
      // mean ± sd with n, the FLOPs reached (SI) and the scale label.
      expect(cells.width).toMatch(/^\*{0,2}\d+\.\d\d ± \d+\.\d\d\*{0,2} \(n=3\)(\*\*)? · [\d.]+M · w×\d/);
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
    expect(missing.map(runKey).sort()).toEqual(dropped.map(runKey).sort());
    expect(md).toContain(`${dropped.length} planned run(s) have no result yet`);
    for (const d of dropped) expect(md).toContain(`- ${d.strategy} k=${d.step} seed ${d.seed}`);
  });

  it('still renders with no rows: every cell empty, every point missing', () => {
    const { md, info, head } = summaryFor([0], () => false);
    expect(tableRow(md, 2).compound).toBe('—');
    expect(md).toContain(`${info.planned.length} planned run(s) have no result yet`);
    expect(head.best).toBeNull();
    expect(headlineLines(head)[0]).toBe(`Finished 0 of ${info.planned.length} planned runs (${info.planned.length} missing).`);
  });

  it('headline ranks strategies at the largest step all of them reached', () => {
    const { head, rows } = summaryFor([0], (i) => i !== 15); // drop compound k=8
    expect(head.matched!.step).toBe(4);
    const at4 = rows.filter((r) => r.step === 4).sort((a, b) => b.top1 - a.top1).map((r) => r.strategy);
    expect(head.matched!.ranking.map((p) => p.strategy)).toEqual(at4);
  });
});
