/**
 * Where the runner keeps things. Results stores and checkpoints live under `.scaling-lab/` (work state,
 * not committed); reports go to `reports/<experiment>/` for the default preset and
 * `reports/<preset>/<experiment>/` for the others, so a smoke run never overwrites a real report. Custom
 * experiments (`--config`) live under `custom/` in both, so one named like a catalogue experiment never
 * shares or overwrites that experiment's store or report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PresetId } from './catalogue/presets';

/**
 * The repository root (the directory with nx.json above this code, whether it runs from source or from a
 * bundle); where the code runs from an installed `scaling-lab` package, the current directory.
 */
export const WORKSPACE_ROOT = findWorkspaceRoot(__dirname) ?? process.cwd();

function findWorkspaceRoot(from: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}
export const DEFAULT_PRESET: PresetId = 'quick';

/** Where an experiment's results live: its preset for catalogue experiments, `custom` for --config ones. */
export type ResultsScope = PresetId | 'custom';

export function defaultStoreDir(experiment: string, scope: ResultsScope): string {
  return path.join(WORKSPACE_ROOT, '.scaling-lab', 'runs', scope, experiment);
}

export function defaultReportsRoot(): string {
  return path.join(WORKSPACE_ROOT, 'reports');
}

export function reportDir(reportsRoot: string, experiment: string, scope: ResultsScope): string {
  return scope === DEFAULT_PRESET ? path.join(reportsRoot, experiment) : path.join(reportsRoot, scope, experiment);
}
