/**
 * CSV export of result rows (docs/architecture.md "Results and reports"): header row, columns in ResultRow field
 * order, null as an empty cell; written atomically. readCsv parses the same format back with typed columns.
 */
import { promises as fs } from 'node:fs';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { writeFileAtomic } from '@scaling-lab/core';
import { NULLABLE_COLUMNS, NUMERIC_COLUMNS, RESULT_COLUMNS, type ResultRow } from '../result-row';

export function rowsToCsv(rows: readonly ResultRow[]): Promise<string> {
  const records = rows.map((r) => RESULT_COLUMNS.map((c) => (r[c] === null ? '' : r[c])));
  return new Promise((resolve, reject) => {
    stringify(records, { header: true, columns: [...RESULT_COLUMNS] }, (err, out) =>
      err ? reject(err) : resolve(out),
    );
  });
}

export async function writeCsv(rows: readonly ResultRow[], file: string): Promise<void> {
  await writeFileAtomic(file, await rowsToCsv(rows));
}

export function csvToRows(text: string): Promise<ResultRow[]> {
  return new Promise((resolve, reject) => {
    parse(text, { columns: true, skip_empty_lines: true }, (err, records: Record<string, string>[] | undefined) => {
      if (err) return reject(err);
      try {
        resolve((records ?? []).map((rec, i) => typeRecord(rec, i + 2)));
      } catch (e) {
        reject(e);
      }
    });
  });
}

export async function readCsv(file: string): Promise<ResultRow[]> {
  return csvToRows(await fs.readFile(file, 'utf8'));
}

function typeRecord(rec: Record<string, string>, line: number): ResultRow {
  const row: Record<string, string | number | null> = {};
  for (const c of RESULT_COLUMNS) {
    const cell = rec[c];
    if (cell === undefined) throw new Error(`results CSV line ${line}: column ${c} is missing`);
    if (cell === '' && NULLABLE_COLUMNS.has(c)) row[c] = null;
    else if (NUMERIC_COLUMNS.has(c)) {
      const n = Number(cell);
      if (cell === '' || Number.isNaN(n)) throw new Error(`results CSV line ${line}: ${c} = "${cell}" is not a number`);
      row[c] = n;
    } else row[c] = cell;
  }
  return row as unknown as ResultRow;
}
