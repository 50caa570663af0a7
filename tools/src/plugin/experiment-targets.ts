/**
 * The nx targets of the experiments project, derived from the experiment catalogue: one cached target per
 * experiment (`nx run experiments:resnet-compound`) and per family's coefficient search
 * (`nx run experiments:resnet-search`). The plugin in ./create-nodes.ts infers them, so a newly registered
 * backbone family gets its targets with no file to keep in step (see docs/architecture.md, "Nx").
 */
import type { TargetConfiguration } from '@nx/devkit';
import { listExperiments } from '../../../experiments/src/catalogue/experiments';
import { PRESET_IDS } from '../../../experiments/src/catalogue/presets';
import { reportDir } from '../../../experiments/src/paths';
import { coefficientsFile } from '../../../experiments/src/search/saved-coefficients';

const CLI = 'node experiments/bin/scaling-lab.js';
/** Where `scaling-lab search` saves its winners, relative to the workspace root (the CLI's default). */
const COEFFICIENTS_DIR = '.scaling-lab/coefficients';

const ws = (file: string) => `{workspaceRoot}/${file}`;

/** Every preset's report folder of an experiment (`reports/<name>`, `reports/smoke/<name>`, ...). */
function reportOutputs(name: string): string[] {
  return PRESET_IDS.map((p) => ws(reportDir('reports', name, p)));
}

/** Every preset's saved search winner of a backbone (what `run --coefficients searched` reads). */
function coefficientFiles(backbone: string): string[] {
  return PRESET_IDS.map((p) => coefficientsFile(COEFFICIENTS_DIR, backbone, p));
}

/**
 * The saved winners are git-ignored work state, which nx's file inputs do not see; a runtime input hashes
 * their contents instead, so a new winner makes `--coefficients searched` miss the cache.
 */
function coefficientsInput(backbone: string): { runtime: string } {
  return { runtime: `cat ${coefficientFiles(backbone).join(' ')} 2>/dev/null || true` };
}

const COMMON_INPUTS = ['default', '^production', { env: 'SCALING_LAB_DATA' }];
/** What must have run before any training: the dataset is in place, and the native kernels built where they can be. */
const DEPENDS_ON = ['setup-data', 'setup-native'];

/**
 * The cached target of one experiment. With `--coefficients searched` the report folder is renamed after
 * the coefficients (`reports/resnet-compound-a1.25-b1.10-g1.15`), hence the `-a*` outputs; the reports
 * index is rewritten by every run, so it is an output too and a cache hit restores it.
 */
export function experimentTarget(name: string, backbone: string, hasCompound: boolean): TargetConfiguration {
  return {
    executor: 'nx:run-commands',
    dependsOn: DEPENDS_ON,
    cache: true,
    inputs: hasCompound ? [...COMMON_INPUTS, coefficientsInput(backbone)] : COMMON_INPUTS,
    outputs: [...reportOutputs(name), ...(hasCompound ? reportOutputs(`${name}-a*`) : []), ws('reports/index.html')],
    options: { command: `${CLI} run ${name}`, forwardAllArgs: true },
    metadata: { description: `Train the ${name} experiment's ladder and write its report` },
  };
}

/**
 * The cached target of a family's coefficient search. Its outputs include the saved winner, so a cache hit
 * restores what `run --coefficients searched` reads.
 */
export function searchTarget(family: string, backbone: string): TargetConfiguration {
  const name = `${family}-search`;
  return {
    executor: 'nx:run-commands',
    dependsOn: DEPENDS_ON,
    cache: true,
    inputs: COMMON_INPUTS,
    outputs: [...reportOutputs(name), ...coefficientFiles(backbone).map(ws)],
    options: { command: `${CLI} search --backbone ${backbone}`, forwardAllArgs: true },
    metadata: { description: `Search compound coefficients for ${backbone} and save the winner` },
  };
}

/** Each family's experiment targets followed by its search target, in catalogue order. */
export function experimentTargets(): Record<string, TargetConfiguration> {
  const experiments = listExperiments();
  const targets: [string, TargetConfiguration][] = [];
  experiments.forEach((e, i) => {
    targets.push([e.name, experimentTarget(e.name, e.backbone, e.strategies.includes('compound'))]);
    if (experiments[i + 1]?.family !== e.family)
      targets.push([`${e.family}-search`, searchTarget(e.family, e.backbone)]);
  });
  return Object.fromEntries(targets);
}
