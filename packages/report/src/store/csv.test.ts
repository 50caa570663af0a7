import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RESULT_COLUMNS } from '../result-row';
import { syntheticRows } from '../../testing/synthetic-ladder';
import { csvToRows, readCsv, rowsToCsv, writeCsv } from './csv';

describe('results CSV', () => {
  it('round-trips rows, including nulls, commas and quotes in strings', async () => {
    const rows = syntheticRows({ steps: [1, 2], seeds: [0, 1] });
    rows[0] = { ...rows[0], gitCommit: null, experiment: 'a, "quoted" name', top1: 0.123456789 };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'report-csv-'));
    const file = path.join(dir, 'results.csv');
    await writeCsv(rows, file);
    expect(await readCsv(file)).toEqual(rows);
    expect(readdirSync(dir)).toEqual(['results.csv']);
  });

  it('writes a header in ResultRow field order', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'report-csv-'));
    const file = path.join(dir, 'results.csv');
    await writeCsv(syntheticRows({ steps: [1] }), file);
    const [header, first] = readFileSync(file, 'utf8').split('\n');
    expect(header.split(',')).toEqual([...RESULT_COLUMNS]);
    // phi is null for non-compound rows: an empty cell, not the word "null".
    expect(first.split(',')[RESULT_COLUMNS.indexOf('phi')]).toBe('');
  });

  it('names the line and column of a bad number', async () => {
    const csv = await rowsToCsv(syntheticRows().slice(0, 1));
    const [header, line] = csv.trim().split('\n');
    const cells = line.split(',');
    cells[RESULT_COLUMNS.indexOf('flops')] = 'lots';
    await expect(csvToRows(`${header}\n${cells.join(',')}\n`)).rejects.toThrow(
      /^results CSV line 2: 'flops' must be a number \(got "lots"\)$/,
    );
  });
});
