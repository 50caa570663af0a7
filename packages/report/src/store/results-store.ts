/**
 * Results store keyed by point (docs/architecture.md "Results and reports"): each row is one JSON file
 * `<dir>/runs/<strategy-step-seed>.json`, written atomically, so concurrent worker processes of one sweep
 * never tear or duplicate a row. Every row is validated by the run-record schema on the way in and out:
 * a row with a wrong field is an error naming the file and the field; a truncated one is set aside with a
 * warning so its run is trained again.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ensureDir, isTempFile, writeFileAtomic } from '@scaling-lab/core';
import { parseJsonWith, parseWith, RecordError } from '@scaling-lab/run-record';
import { pointKey, type ResultRow, ResultRowSchema, fileSafeKey, sortRows } from '../result-row';

/** A file in the runs directory that was not read as a row, and why. */
export interface IgnoredFile {
  file: string;
  reason: string;
}

export interface StoreScan {
  rows: ResultRow[];
  ignored: IgnoredFile[];
}

const RUNS_DIR = 'runs';
const ROW_EXT = '.json';

export class ResultsStore {
  readonly runsDir: string;

  constructor(readonly dir: string) {
    this.runsDir = path.join(dir, RUNS_DIR);
  }

  /** The file a run's row lives in. */
  fileFor(key: string): string {
    return path.join(this.runsDir, fileSafeKey(key) + ROW_EXT);
  }

  async has(key: string): Promise<boolean> {
    try {
      await fs.access(this.fileFor(key));
      return true;
    } catch {
      return false;
    }
  }

  async get(key: string): Promise<ResultRow | undefined> {
    try {
      const file = this.fileFor(key);
      return parseRow(await fs.readFile(file, 'utf8'), file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** Record a finished run; a second put of the same key replaces the row as a whole. */
  async put(row: ResultRow): Promise<string> {
    const key = pointKey(row);
    await ensureDir(this.runsDir);
    // Parsing also puts the fields in schema order, so files diff cleanly and stay stable across writers.
    const valid = parseWith(ResultRowSchema, row, `row ${key}`);
    await writeFileAtomic(this.fileFor(key), JSON.stringify(valid, null, 2) + '\n');
    return key;
  }

  /** All rows plus the files that were skipped (temp files of crashed writers, unreadable JSON). */
  async scan(): Promise<StoreScan> {
    let names: string[];
    try {
      names = await fs.readdir(this.runsDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { rows: [], ignored: [] };
      throw err;
    }
    const rows: ResultRow[] = [];
    const ignored: IgnoredFile[] = [];
    for (const name of names.sort()) {
      const file = path.join(this.runsDir, name);
      if (isTempFile(name)) {
        ignored.push({ file, reason: 'temporary file of an unfinished or interrupted write' });
        continue;
      }
      if (!name.endsWith(ROW_EXT)) continue;
      const text = await fs.readFile(file, 'utf8');
      if (!isCompleteJson(text)) {
        ignored.push({ file, reason: 'truncated or unreadable row (not complete JSON)' });
        continue;
      }
      rows.push(parseRow(text, file));
    }
    return { rows: sortRows(rows), ignored };
  }

  async list(): Promise<ResultRow[]> {
    return (await this.scan()).rows;
  }
}

/** Thrown for a complete row that breaks the schema: someone edited it, or it comes from another version. */
export class StoreRowError extends Error {
  override readonly name = 'StoreRowError';
}

function isCompleteJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function parseRow(text: string, file: string): ResultRow {
  try {
    return parseJsonWith(ResultRowSchema, text, file);
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    const older =
      error.field === 'runKey' || /unknown field|missing/.test(error.message)
        ? '; it was written by another version of scaling-lab, delete it to train that run again'
        : '; fix or delete it';
    throw new StoreRowError(`${error.message}${older}`);
  }
}
