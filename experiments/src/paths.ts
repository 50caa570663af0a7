/**
 * Where the runner keeps things. Results stores and checkpoints live under `.scaling-lab/` (work state,
 * not committed); reports go to `reports/<experiment>/` for the default preset and
 * `reports/<preset>/<experiment>/` for the others, so a smoke run never overwrites a real report.
 */
import * as path from 'node:path';
import type { PresetId } from './catalogue/presets';

export const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..');
export const DEFAULT_PRESET: PresetId = 'quick';

export function defaultStoreDir(experiment: string, preset: PresetId): string {
  return path.join(WORKSPACE_ROOT, '.scaling-lab', 'runs', preset, experiment);
}

export function defaultReportsRoot(): string {
  return path.join(WORKSPACE_ROOT, 'reports');
}

export function reportDir(reportsRoot: string, experiment: string, preset: PresetId): string {
  return preset === DEFAULT_PRESET ? path.join(reportsRoot, experiment) : path.join(reportsRoot, preset, experiment);
}
