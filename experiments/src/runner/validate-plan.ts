/**
 * The whole plan is validated before anything trains (docs/experiments.md): every planned run becomes a run
 * spec checked by the run-record schema, and the first bad value is reported as the experiment field a
 * user can change — `training.epochs`, `baseline.resolution`, `ratios` — not as a trainer flag after an
 * hour of training.
 */
import { describeIssue, type RunSpec, RunSpecSchema } from '@scaling-lab/run-record';
import type { PlannedRun } from '../catalogue/experiments';
import type { Preset } from '../catalogue/presets';
import { UsageError } from '../cli/errors';
import { plannedSpecInput } from './run-spec';

/** The experiment-config field behind a spec field of a planned run. */
function configField(path: readonly PropertyKey[], run: PlannedRun): string {
  const [head, field] = path.map(String);
  if (head === 'recipe') return `training.${field}`;
  if (head === 'dataset') return field === 'name' ? 'dataset' : `training.${field}`;
  if (head === 'baseline' || (head === 'scale' && run.step === 1)) return `baseline.${field}`;
  if (head === 'scale') return 'ratios';
  return path.map(String).join('.');
}

/** Every planned run's spec, keyed by run; throws one UsageError naming `source` and the config field. */
export function validatePlan(runs: readonly PlannedRun[], preset: Preset, source: string): Map<string, RunSpec> {
  const specs = new Map<string, RunSpec>();
  for (const run of runs) {
    const input = plannedSpecInput(run, preset);
    const parsed = RunSpecSchema.safeParse(input);
    if (parsed.success) {
      specs.set(run.key, parsed.data);
      continue;
    }
    const field = configField(parsed.error.issues[0].path, run);
    const problem = describeIssue(parsed.error, input).text.replace(/^'[^']*' /, '');
    const detail =
      field === 'ratios'
        ? ` [${preset.ratios.join(', ')}] asks too much: ${run.strategy} at ×${run.step} needs ${parsed.error.issues[0].path.slice(1).join('.')} ${problem}`
        : ` ${problem}`;
    throw new UsageError(`${source}: '${field}'${detail}; nothing was trained`);
  }
  return specs;
}
