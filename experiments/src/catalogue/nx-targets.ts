/**
 * The nx targets of the experiments project, derived from the catalogue: one cached target per
 * experiment (`nx run experiments:resnet-compound`) and per family's coefficient search
 * (`nx run experiments:resnet-search`), plus `report`. `scaling-lab sync-targets` writes
 * them into experiments/project.json; a test keeps the file in sync with the registry.
 */
import { listExperiments } from './experiments';
import { PRESET_IDS } from './presets';

const CLI = 'node experiments/bin/scaling-lab.js';

export type TargetConfig = Record<string, unknown>;

/** Targets that are not experiments and stay as written. */
export const FIXED_TARGETS: Record<string, TargetConfig> = {
  'setup-data': {
    executor: 'nx:run-commands',
    options: { command: 'bash experiments/scripts/setup-data.sh' },
  },
  // Tries to build the oneDNN kernels addon; on failure it prints one line and training runs on wasm.
  'setup-native': {
    executor: 'nx:run-commands',
    options: { command: 'node packages/native/scripts/build.js' },
  },
  report: {
    executor: 'nx:run-commands',
    options: { command: `${CLI} report`, forwardAllArgs: true },
  },
  inspect: {
    executor: 'nx:run-commands',
    options: { command: `${CLI} inspect`, forwardAllArgs: true },
  },
  list: {
    executor: 'nx:run-commands',
    options: { command: `${CLI} list`, forwardAllArgs: true },
  },
  bench: {
    executor: 'nx:run-commands',
    options: { command: `${CLI} bench train`, forwardAllArgs: true },
  },
  // Pure computation from the sources (no data, no training): cached on the workspace's inputs.
  'paper-tables': {
    executor: 'nx:run-commands',
    cache: true,
    inputs: ['default', '^production'],
    outputs: ['{workspaceRoot}/reports/paper-tables'],
    options: { command: `${CLI} paper-tables`, forwardAllArgs: true },
  },
};

/** The cached nx target of one experiment (also used by the backbone generator for a new family). */
export function experimentTarget(name: string): TargetConfig {
  return {
    executor: 'nx:run-commands',
    dependsOn: ['setup-data', 'setup-native'],
    cache: true,
    inputs: ['default', '^production', { env: 'SCALING_LAB_DATA' }],
    outputs: [
      `{workspaceRoot}/reports/${name}`,
      ...PRESET_IDS.filter((p) => p !== 'quick').map((p) => `{workspaceRoot}/reports/${p}/${name}`),
    ],
    options: { command: `${CLI} run ${name}`, forwardAllArgs: true },
  };
}

/**
 * The cached nx target of a family's coefficient search (`nx run experiments:resnet-search`). Its outputs
 * include the saved winner, so a cache hit restores what `run --coefficients searched` reads.
 */
export function searchTarget(family: string, backbone: string): TargetConfig {
  const name = `${family}-search`;
  const others = PRESET_IDS.filter((p) => p !== 'quick');
  return {
    executor: 'nx:run-commands',
    dependsOn: ['setup-data', 'setup-native'],
    cache: true,
    inputs: ['default', '^production', { env: 'SCALING_LAB_DATA' }],
    outputs: [
      `{workspaceRoot}/reports/${name}`,
      ...others.map((p) => `{workspaceRoot}/reports/${p}/${name}`),
      `{workspaceRoot}/.scaling-lab/coefficients/${backbone}.json`,
      ...others.map((p) => `{workspaceRoot}/.scaling-lab/coefficients/${p}/${backbone}.json`),
    ],
    options: { command: `${CLI} search --backbone ${backbone}`, forwardAllArgs: true },
  };
}

/** Each family's experiment targets followed by its search target, so a new family's targets append. */
export function experimentTargets(): Record<string, TargetConfig> {
  const experiments = listExperiments();
  const targets: [string, TargetConfig][] = [];
  experiments.forEach((e, i) => {
    targets.push([e.name, experimentTarget(e.name)]);
    if (experiments[i + 1]?.family !== e.family) targets.push([`${e.family}-search`, searchTarget(e.family, e.backbone)]);
  });
  return Object.fromEntries(targets);
}

/** The full `targets` object of experiments/project.json, keeping its test/typecheck targets. */
export function projectTargets(existing: Record<string, TargetConfig>): Record<string, TargetConfig> {
  const keep = Object.fromEntries(Object.entries(existing).filter(([name]) => name === 'test' || name === 'typecheck'));
  return { ...keep, ...FIXED_TARGETS, ...experimentTargets() };
}
