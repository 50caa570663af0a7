/**
 * Child-process worker for the store's concurrency test: puts every row of a JSON file into a store, so
 * several OS processes race on the same run files as parallel sweep workers do.
 * Usage: put-rows-worker <storeDir> <rows.json>
 */
import { readFileSync } from 'node:fs';
import type { ResultRow } from '../src/result-row';
import { ResultsStore } from '../src/store/results-store';

async function main(): Promise<void> {
  const [dir, rowsFile] = process.argv.slice(2);
  const rows = JSON.parse(readFileSync(rowsFile, 'utf8')) as ResultRow[];
  const store = new ResultsStore(dir);
  // Several in flight at once within the process too, as a worker pool would.
  await Promise.all(rows.map((r) => store.put(r)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
