import { execFile } from 'node:child_process';
import { promises as fs, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { pointKey } from '../result-row';
import { syntheticRows } from '../../testing/synthetic-ladder';
import { ResultsStore, StoreRowError } from './results-store';

const run = promisify(execFile);
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'report-store-'));

describe('ResultsStore', () => {
  it('puts rows as one file per run key and reads them back', async () => {
    const store = new ResultsStore(tmp());
    const rows = syntheticRows({ steps: [1, 2], seeds: [0, 1] });
    for (const r of rows) await store.put(r);
    const files = (await fs.readdir(store.runsDir)).sort();
    expect(files).toHaveLength(rows.length);
    expect(await store.has(pointKey(rows[3]))).toBe(true);
    expect(await store.has('depth-64-0')).toBe(false);
    expect(await store.get(pointKey(rows[3]))).toEqual(rows[3]);
    const listed = await store.list();
    expect(listed).toHaveLength(rows.length);
    expect(new Set(listed.map(pointKey))).toEqual(new Set(rows.map(pointKey)));
  });

  it('overwrites a rerun of the same key instead of duplicating it', async () => {
    const store = new ResultsStore(tmp());
    const [row] = syntheticRows({ strategies: ['width'], steps: [2] });
    await store.put(row);
    await store.put({ ...row, top1: 0.5 });
    const rows = await store.list();
    expect(rows).toHaveLength(1);
    expect(rows[0].top1).toBe(0.5);
  });

  it('keeps odd strategy names inside the runs directory with distinct files', async () => {
    const store = new ResultsStore(tmp());
    const [row] = syntheticRows({ strategies: ['depth'], steps: [1] });
    const odd = [
      { ...row, strategy: '../escape' },
      { ...row, strategy: '.._escape' },
      { ...row, strategy: 'a/b' },
      { ...row, strategy: 'a_b' },
    ];
    for (const r of odd) await store.put(r);
    const files = await fs.readdir(store.runsDir);
    expect(files).toHaveLength(4);
    for (const f of files) expect(f).toMatch(/^[A-Za-z0-9._%-]+\.json$/);
    expect(files.some((f) => f.startsWith('.'))).toBe(false);
    expect((await store.list()).map((r) => r.strategy).sort()).toEqual(odd.map((r) => r.strategy).sort());
  });

  it('ignores and reports temp files and unreadable rows', async () => {
    const store = new ResultsStore(tmp());
    const rows = syntheticRows({ steps: [1, 2] });
    for (const r of rows) await store.put(r);
    await fs.writeFile(path.join(store.runsDir, '.depth-4-0.json.tmp-999-abc'), '{"experiment": "half');
    await fs.writeFile(path.join(store.runsDir, 'width-4-0.json'), '{ not json');
    const scan = await store.scan();
    expect(scan.rows).toHaveLength(rows.length);
    expect(scan.ignored.map((i) => path.basename(i.file)).sort()).toEqual([
      '.depth-4-0.json.tmp-999-abc',
      'width-4-0.json',
    ]);
    expect(scan.ignored.find((i) => i.file.includes('.tmp-'))!.reason).toMatch(/temporary/);
  });

  it('sets a truncated row aside with its path and reason, so its run is trained again', async () => {
    const store = new ResultsStore(tmp());
    const [row] = syntheticRows({ steps: [1], strategies: ['depth'] });
    await store.put(row);
    const file = store.fileFor(pointKey(row));
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.slice(0, text.length / 2));
    const scan = await store.scan();
    expect(scan.rows).toEqual([]);
    expect(scan.ignored).toEqual([{ file, reason: 'truncated or unreadable row (not complete JSON)' }]);
  });

  it.each([
    ['step', '2', /'step' must be a number \(got "2"\)/],
    ['top1', 'oops', /'top1' must be a number \(got "oops"\)/],
  ])('refuses a row whose %s is %j with one line naming the file and field', async (field, value, message) => {
    const store = new ResultsStore(tmp());
    const [row] = syntheticRows({ steps: [1], strategies: ['depth'] });
    await store.put(row);
    const file = store.fileFor(pointKey(row));
    await fs.writeFile(file, JSON.stringify({ ...row, [field]: value }));
    const err = await store.scan().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreRowError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message.startsWith(`${file}: '${field}'`)).toBe(true);
    expect((err as Error).message).not.toContain('\n');
  });

  it('refuses to store a row that breaks the schema', async () => {
    const store = new ResultsStore(tmp());
    const [row] = syntheticRows({ steps: [1], strategies: ['depth'] });
    await expect(store.put({ ...row, top1: Number.NaN })).rejects.toThrow(/'top1'/);
  });

  it('lists an empty store (no runs directory yet) as no rows', async () => {
    expect(await new ResultsStore(path.join(tmp(), 'absent')).scan()).toEqual({ rows: [], ignored: [] });
  });

  it('survives interleaved async puts of overlapping keys: N valid files, no temp leftovers', async () => {
    const store = new ResultsStore(tmp());
    const rows = syntheticRows({ steps: [1, 2, 4, 8], seeds: [0, 1, 2] });
    // Every key written three times with distinguishable measurements, all in flight together.
    const versions = [0, 1, 2].flatMap((v) => rows.map((r) => ({ ...r, seconds: 1000 + v })));
    await Promise.all(versions.map((r) => store.put(r)));
    const names = await fs.readdir(store.runsDir);
    expect(names.filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect(names).toHaveLength(rows.length);
    const listed = await store.list();
    expect(listed).toHaveLength(rows.length);
    for (const r of listed) expect([1000, 1001, 1002]).toContain(r.seconds);
  });

  it('survives concurrent puts from several processes racing on the same keys', async () => {
    const dir = tmp();
    const rows = syntheticRows({ steps: [1, 2, 4, 8], seeds: [0, 1, 2] });
    const worker = path.join(__dirname, '..', '..', 'testing', 'put-rows-worker.ts');
    const workers = [0, 1, 2, 3].map((w) => {
      const file = path.join(dir, `rows-${w}.json`);
      // Each process writes every key, in its own order, tagged with its worker id.
      const mine = rows.map((r) => ({ ...r, seconds: 2000 + w }));
      writeFileSync(file, JSON.stringify(w % 2 ? mine.reverse() : mine));
      return run(process.execPath, ['-r', 'ts-node/register/transpile-only', worker, path.join(dir, 'store'), file], {
        env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', '..', 'tsconfig.json') },
      });
    });
    await Promise.all(workers);
    const store = new ResultsStore(path.join(dir, 'store'));
    const names = await fs.readdir(store.runsDir);
    expect(names.filter((n) => n.includes('.tmp-'))).toEqual([]);
    const scan = await store.scan();
    expect(scan.ignored).toEqual([]);
    expect(scan.rows).toHaveLength(rows.length);
    for (const r of scan.rows) {
      expect([2000, 2001, 2002, 2003]).toContain(r.seconds);
      const original = rows.find((o) => pointKey(o) === pointKey(r))!;
      expect({ ...r, seconds: 0 }).toEqual({ ...original, seconds: 0 });
    }
  }, 30_000);
});
