/**
 * CSV export of result rows (docs/architecture.md "Results and reports"): header row, columns in the run-record schema's field
 * order, null as an empty cell, objects (recipe, scale) as compact JSON; written atomically. readCsv parses
 * the same format back and validates every row with the schema.
 */
import { promises as fs } from 'node:fs';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { parseWith } from '@scaling-lab/run-record';
import { writeFileAtomic } from '@scaling-lab/core';
import { RESULT_COLUMNS, type ResultRow, ResultRowSchema } from '../result-row';

function cell(value: unknown): string | number | boolean {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return value as string | number | boolean;
}

export function rowsToCsv(rows: readonly ResultRow[]): Promise<string> {
  const records = rows.map((r) => RESULT_COLUMNS.map((c) => cell(r[c])));
  return new Promise((resolve, reject) => {
    stringify(
      records,
      { header: true, columns: [...RESULT_COLUMNS], cast: { boolean: (b) => String(b) } },
      (err, out) => (err ? reject(err) : resolve(out)),
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

/** Each cell typed by its column's schema: kept as text when the column takes text, else read as JSON. */
function typeRecord(rec: Record<string, string>, line: number): ResultRow {
  const row: Record<string, unknown> = {};
  for (const c of RESULT_COLUMNS) {
    const text = rec[c];
    if (text === undefined) throw new Error(`results CSV line ${line}: column ${c} is missing`);
    const field = ResultRowSchema.shape[c];
    if (text === '' && field.safeParse(null).success) row[c] = null;
    else if (field.safeParse(text).success) row[c] = text;
    else {
      try {
        row[c] = JSON.parse(text);
      } catch {
        row[c] = text;
      }
    }
  }
  return parseWith(ResultRowSchema, row, `results CSV line ${line}`);
}
