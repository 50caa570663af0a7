/**
 * The workspace's Nx plugin (`plugins` in nx.json): infers the experiments project's per-experiment targets
 * from the experiment catalogue, which derives them from the backbone registry. Loading the registry means
 * loading every model builder, so the result is cached under a hash of the sources it can depend on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CreateNodes, TargetConfiguration } from '@nx/devkit';
import { hashWithWorkspaceContext, workspaceDataDirectory } from '@nx/devkit/internal';

/** The project whose targets are inferred: its project.json holds only hand-written targets. */
export const EXPERIMENTS_PROJECT_JSON = 'experiments/project.json';

/** Sources that can change the list of experiments or their targets (registry, catalogue, path conventions). */
const CATALOGUE_SOURCES = ['packages/*/src/**/*.ts', 'experiments/src/**/*.ts', 'tools/src/plugin/**/*.ts'];
const CACHE_FILE = 'scaling-lab-experiment-targets.json';

type Targets = Record<string, TargetConfiguration>;

function loadTargets(): Targets {
  // Required on demand: it loads every backbone package, which only a cache miss needs. (A dynamic import()
  // would stay a real ES import under this project's node16 module setting, which the TypeScript sources
  // cannot be loaded through.)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { experimentTargets } = require('./experiment-targets') as typeof import('./experiment-targets');
  return experimentTargets();
}

/** Targets from the cache when the catalogue's sources are unchanged, else computed and cached. */
async function cachedTargets(workspaceRoot: string): Promise<Targets> {
  const hash = await hashWithWorkspaceContext(workspaceRoot, CATALOGUE_SOURCES, ['**/*.test.ts']);
  const file = path.join(workspaceDataDirectory, CACHE_FILE);
  try {
    const cached = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (cached.hash === hash) return cached.targets as Targets;
  } catch {
    // No cache yet, or an unreadable one: compute.
  }
  const targets = loadTargets();
  try {
    fs.mkdirSync(workspaceDataDirectory, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ hash, targets }));
  } catch {
    // A read-only workspace still gets its targets, only without the cache.
  }
  return targets;
}

export const createNodes: CreateNodes = [
  EXPERIMENTS_PROJECT_JSON,
  async (files, _options, context) => {
    if (files.length === 0) return [];
    const targets = await cachedTargets(context.workspaceRoot);
    return files.map((file) => [file, { projects: { [path.dirname(file)]: { targets } } }] as const);
  },
];

export const createNodesV2 = createNodes;
