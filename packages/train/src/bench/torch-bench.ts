// Runs python/bench_torch.py (PyTorch, one thread) when a Python with torch is available, so the
// TypeScript numbers have a native reference measured in the same run. Absence of PyTorch is a reported
// outcome, not an error.
import { spawnSync } from 'child_process';
import * as path from 'path';

/** How python/bench_torch.py builds the equivalent net: a builder kind and what it reads from `spec`. */
export interface TorchNet {
  readonly kind: 'toy' | 'mobilenetv2' | 'resnet' | 'efficientnet';
  readonly spec: object;
}

export interface TorchModel extends TorchNet {
  readonly name: string;
  /** [channels, height, width] (PyTorch's order). */
  readonly inputShape: [number, number, number];
  readonly numClasses: number;
}

export interface TorchResult {
  name: string;
  /** Trainable parameters of the PyTorch net, to check it is the same net as ours. */
  params: number;
  batch: number;
  trainImgPerSec: number;
  forwardImgPerSec: number;
}

export type TorchOutcome =
  | { available: true; python: string; torchVersion: string; results: TorchResult[] }
  | { available: false; reason: string };

/**
 * The PyTorch script, found through the train package's own location (which stays right when this code
 * runs from a bundle); null where only the bundle is installed, as in the published `scaling-lab` package.
 */
export function torchBenchScript(): string | null {
  try {
    return path.join(path.dirname(require.resolve('@scaling-lab/train/package.json')), 'python', 'bench_torch.py');
  } catch {
    return null;
  }
}

/** Interpreters tried in order; SCALING_LAB_PYTHON overrides. The system python3 is listed
 * explicitly because a user-level python3 earlier on PATH often lacks distribution torch packages. */
export function pythonCandidates(explicit?: string): string[] {
  const list = [explicit, process.env.SCALING_LAB_PYTHON, 'python3', '/usr/bin/python3', 'python'];
  return [...new Set(list.filter((p): p is string => p != null && p !== ''))];
}

export function findTorchPython(explicit?: string): { python: string } | { reason: string } {
  const tried: string[] = [];
  for (const python of pythonCandidates(explicit)) {
    const r = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return { python };
    tried.push(python);
  }
  return {
    reason: `no Python with PyTorch found (tried ${tried.join(', ')}); install torch or set SCALING_LAB_PYTHON`,
  };
}

export interface TorchBenchOptions {
  models: TorchModel[];
  batchSize: number;
  warmupSteps: number;
  windows: number;
  stepsPerWindow: number;
  forwardStepsPerWindow: number;
  python?: string;
}

export function runTorchBench(opts: TorchBenchOptions): TorchOutcome {
  const found = findTorchPython(opts.python);
  if ('reason' in found) return { available: false, reason: found.reason };
  const config = {
    batch: opts.batchSize,
    warmup: opts.warmupSteps,
    windows: opts.windows,
    steps: opts.stepsPerWindow,
    forwardSteps: opts.forwardStepsPerWindow,
    threads: 1,
    models: opts.models,
  };
  const script = torchBenchScript();
  if (script === null)
    return {
      available: false,
      reason: 'the PyTorch reference script ships with the source repository only (packages/train/python)',
    };
  const r = spawnSync(found.python, [script], {
    input: JSON.stringify(config),
    encoding: 'utf8',
    timeout: 30 * 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0)
    return {
      available: false,
      reason: `${found.python} ${path.basename(script)} failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`,
    };
  const parsed = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { torch: string; results: TorchResult[] };
  return { available: true, python: found.python, torchVersion: parsed.torch, results: parsed.results };
}
