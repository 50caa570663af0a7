/**
 * Results store keyed by run (docs/architecture.md "Results and reports"): each finished run is one JSON file
 * `<dir>/runs/<strategy-step-seed>.json`, written atomically, so concurrent worker processes of one sweep
 * never tear or duplicate a row and a rerun can ask `has(key)` to skip finished runs.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ensureDir, isTempFile, writeFileAtomic } from '@scaling-lab/core';
import { RESULT_COLUMNS, type ResultRow, fileSafeKey, runKey, sortRows } from '../result-row';

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
      return parseRow(await fs.readFile(this.fileFor(key), 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** Record a finished run; a second put of the same key replaces the row as a whole. */
  async put(row: ResultRow): Promise<string> {
    const key = runKey(row);
    await ensureDir(this.runsDir);
    // Fields in contract order so files diff cleanly and stay stable across writers.
    const ordered = Object.fromEntries(RESULT_COLUMNS.map((c) => [c, row[c]]));
    await writeFileAtomic(this.fileFor(key), JSON.stringify(ordered, null, 2) + '\n');
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
      try {
        rows.push(parseRow(await fs.readFile(file, 'utf8')));
      } catch (err) {
        ignored.push({ file, reason: `unreadable row: ${(err as Error).message.split('\n')[0]}` });
      }
    }
    return { rows: sortRows(rows), ignored };
  }

  async list(): Promise<ResultRow[]> {
    return (await this.scan()).rows;
  }
}

function parseRow(text: string): ResultRow {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) throw new Error('not a JSON object');
  const missing = RESULT_COLUMNS.filter((c) => !(c in value));
  if (missing.length > 0) throw new Error(`missing field(s) ${missing.join(', ')}`);
  return value as ResultRow;
}
