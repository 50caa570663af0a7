import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { OutputDirError } from '../io/output-dir';
import { readCsv } from '../store/csv';
import { syntheticInfo, syntheticRows } from '../../testing/synthetic-ladder';
import { REPORT_FILES, writeExperimentReport } from './write-experiment-report';
import { writeReportsIndex } from './reports-index';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'report-out-'));

describe('writeExperimentReport', () => {
  it('writes every report file, atomically, with a readable PNG and the rows as CSV', async () => {
    const dir = path.join(tmp(), 'fashion-scaling');
    const rows = syntheticRows({ seeds: [0, 1] });
    await writeExperimentReport(syntheticInfo({ seeds: [0, 1] }), rows, dir);
    expect(readdirSync(dir).sort()).toEqual([...REPORT_FILES].sort());
    const png = PNG.sync.read(readFileSync(path.join(dir, 'chart.png')));
    expect(png.width).toBe(1200);
    // Not a blank image: a good share of pixels are not white.
    let ink = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] < 200 || png.data[i + 1] < 200) ink++;
    expect(ink / (png.width * png.height)).toBeGreaterThan(0.01);
    expect(await readCsv(path.join(dir, 'results.csv'))).toHaveLength(rows.length);
    expect(JSON.parse(readFileSync(path.join(dir, 'chart.vl.json'), 'utf8')).hconcat).toHaveLength(2);
    expect(readFileSync(path.join(dir, 'chart.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('writes an offline index.html with the libraries, the spec, headline and summary, and no network references', async () => {
    const dir = tmp();
    await writeExperimentReport(syntheticInfo(), syntheticRows(), dir);
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    for (const lib of ['vega', 'vega-lite', 'vega-embed']) expect(html).toContain(`<script data-lib="${lib}">`);
    expect(html).toContain('id="chart-spec"');
    expect(html).toContain('<table class="summary">');
    // 16 rows, but 13 runs: the k=1 baseline is shared by the four strategy lines.
    expect(html).toMatch(/Finished 13 of 13 planned runs/);
    expect(html).toMatch(
      /At 2\.0× FLOPs \w+ [\d.]+% vs \w+ [\d.]+% \(n=1\): \+[\d.]+ points, one seed: spread unknown/,
    );
    // No element loads anything from elsewhere: no remote src/href, no protocol-relative URLs, no <link>.
    expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import/);
  });

  it('reports an experiment with zero rows: placeholder chart, all points missing', async () => {
    const dir = tmp();
    const info = syntheticInfo();
    await writeExperimentReport(info, [], dir);
    expect(readFileSync(path.join(dir, 'chart.svg'), 'utf8')).toContain('No results yet');
    expect(readFileSync(path.join(dir, 'summary.md'), 'utf8')).toContain(
      `${info.planned.length} planned run(s) have no result yet`,
    );
    expect(readFileSync(path.join(dir, 'results.csv'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(PNG.sync.read(readFileSync(path.join(dir, 'chart.png'))).width).toBe(1200);
  });

  it('reports a partial sweep: chart of what exists, the rest listed as missing', async () => {
    const dir = tmp();
    const rows = syntheticRows().filter((r) => r.step <= 2);
    await writeExperimentReport(syntheticInfo(), rows, dir);
    const spec = JSON.parse(readFileSync(path.join(dir, 'chart.vl.json'), 'utf8'));
    expect(spec.data.values).toHaveLength(rows.length);
    const md = readFileSync(path.join(dir, 'summary.md'), 'utf8');
    expect(md).toContain('8 planned run(s) have no result yet');
    expect(md).toContain('- compound k=8 seed 0');
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    // Baseline + 4 strategies at k=2 ran; 4 strategies × k=4, 8 remain.
    expect(report.headline).toMatchObject({ planned: 13, finished: 5, missing: 8 });
  });

  it('fails on an unwritable output directory with a one-line error naming it and the fix', async () => {
    const base = tmp();
    let target = path.join(base, 'locked');
    mkdirSync(target);
    chmodSync(target, 0o555);
    let writable = true;
    try {
      writeFileSync(path.join(target, 'probe'), '');
    } catch {
      writable = false;
    }
    if (writable) {
      // Running as root, permission bits do not stop writes; a directory under a regular file cannot exist.
      writeFileSync(path.join(base, 'plain-file'), '');
      target = path.join(base, 'plain-file', 'report');
    }
    const err = await writeExperimentReport(syntheticInfo(), syntheticRows(), target).catch((e: unknown) => e);
    chmodSync(path.join(base, 'locked'), 0o755);
    expect(err).toBeInstanceOf(OutputDirError);
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain(target);
    expect(message).toMatch(/choose another --reports directory/);
    expect(existsSync(path.join(base, 'locked', 'index.html'))).toBe(false);
  });
});

describe('writeExperimentReport all or nothing', () => {
  function snapshot(dir: string): Record<string, string> {
    return Object.fromEntries(
      readdirSync(dir)
        .sort()
        .map((f) => [f, readFileSync(path.join(dir, f)).toString('base64')]),
    );
  }

  /** A writer that fails with `code` on its `failAt`-th file (1-based), like a disk filling up mid-report. */
  function failingWriter(code: string, failAt: number) {
    let calls = 0;
    return async (file: string, data: string | Uint8Array) => {
      calls++;
      if (calls >= failAt) throw Object.assign(new Error(`${code}: simulated, write '${file}'`), { code });
      writeFileSync(file, data);
    };
  }

  it.each([
    ['ENOSPC', /^disk full while writing .*\/exp\/summary\.md: free space or choose another --reports directory$/],
    ['EROFS', /^.*\/exp is read-only \(read-only file system\): choose another --reports directory$/],
    ['EACCES', /^.*\/exp is not writable \(permission denied\): choose another --reports directory$/],
  ])(
    '%s after 4 of 7 files leaves the previous report byte-identical, with one line naming where and the fix',
    async (code, expected) => {
      const root = tmp();
      const dir = path.join(root, 'exp');
      await writeExperimentReport(
        syntheticInfo(),
        syntheticRows().filter((r) => r.step <= 2),
        dir,
      );
      const before = snapshot(dir);
      const err = await writeExperimentReport(syntheticInfo(), syntheticRows(), dir, failingWriter(code, 5)).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(OutputDirError);
      expect((err as Error).message).toMatch(expected);
      expect(snapshot(dir)).toEqual(before);
      expect(readdirSync(root)).toEqual(['exp']); // no staging or half-swapped directory left
    },
  );

  it('a first report that fails leaves no report file (only the empty directory the write check made)', async () => {
    const root = tmp();
    const dir = path.join(root, 'exp');
    await expect(
      writeExperimentReport(syntheticInfo(), syntheticRows(), dir, failingWriter('ENOSPC', 3)),
    ).rejects.toThrow(/disk full/);
    expect(readdirSync(root)).toEqual(['exp']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('replaces every report file and keeps files it does not write', async () => {
    const root = tmp();
    const dir = path.join(root, 'exp');
    await writeExperimentReport(syntheticInfo(), [], dir);
    writeFileSync(path.join(dir, 'coefficients.json'), '{"kept":true}');
    await writeExperimentReport(syntheticInfo(), syntheticRows(), dir);
    expect(readdirSync(dir).sort()).toEqual([...REPORT_FILES, 'coefficients.json'].sort());
    expect(readFileSync(path.join(dir, 'coefficients.json'), 'utf8')).toBe('{"kept":true}');
    // The new report replaced the empty one: same bytes as the same report written into a fresh directory.
    const fresh = path.join(root, '..', `${path.basename(root)}-fresh`);
    await writeExperimentReport(syntheticInfo(), syntheticRows(), fresh);
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')).headline.finished).toBeGreaterThan(0);
    expect(readFileSync(path.join(dir, 'summary.md'), 'utf8')).toBe(
      readFileSync(path.join(fresh, 'summary.md'), 'utf8'),
    );
    expect(readdirSync(root)).toEqual(['exp']);
  });
});

describe('writeReportsIndex', () => {
  it('links every experiment with its headline numbers and skips folders without a report', async () => {
    const reports = tmp();
    await writeExperimentReport(
      syntheticInfo({ experiment: 'exp-a' }),
      syntheticRows({ experiment: 'exp-a' }),
      path.join(reports, 'exp-a'),
    );
    await writeExperimentReport(
      syntheticInfo({ experiment: 'exp-b', backbone: 'resnet-18' }),
      [],
      path.join(reports, 'exp-b'),
    );
    mkdirSync(path.join(reports, 'not-a-report'));
    // Non-default presets keep their reports one level down.
    await writeExperimentReport(syntheticInfo({ experiment: 'exp-c' }), [], path.join(reports, 'smoke', 'exp-c'));
    const listed = await writeReportsIndex(reports);
    expect(listed.map((r) => r.dir)).toEqual(['exp-a', 'exp-b', 'smoke/exp-c']);
    const html = readFileSync(path.join(reports, 'index.html'), 'utf8');
    expect(html).toContain('href="exp-a/index.html"');
    expect(html).toContain('href="exp-b/index.html"');
    expect(html).toContain('href="smoke/exp-c/index.html"');
    expect(html).not.toContain('not-a-report');
    expect(html).toContain('resnet-18');
    expect(html).toContain('13 / 13');
    expect(html).toContain('0 / 13');
    // One card per experiment: its chart.png as a thumbnail, linked to its page.
    for (const dir of ['exp-a', 'exp-b', 'smoke/exp-c']) {
      expect(html).toContain(`<a class="thumb" href="${dir}/index.html"><img src="${dir}/chart.png"`);
      expect(existsSync(path.join(reports, dir, 'chart.png'))).toBe(true);
    }
    expect(html.match(/<img /g)).toHaveLength(3);
    expect(html).not.toContain('<table');
    // The verdict at the largest level where two strategies are compared, without the matching details.
    expect(html).toMatch(
      /<p class="verdict">At 8\.0× FLOPs \w+ [\d.]+% vs \w+ [\d.]+% \(n=1\): \+[\d.]+ points, one seed: spread unknown[^<[]*<\/p>/,
    );
    // Experiments without results say so instead of showing an empty verdict.
    expect(html.match(/<p class="verdict">No results yet\.<\/p>/g)).toHaveLength(2);
    const best = Math.max(...syntheticRows({ experiment: 'exp-a' }).map((r) => r.top1)) * 100;
    expect(html).toContain(`${best.toFixed(2)}%`);
  });
});
