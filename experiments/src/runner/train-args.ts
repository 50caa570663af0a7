/**
 * Turns a planned run into the `scaling-lab train` command line of its child process. The resolution is
 * resolved here to pixels (a pixel baseline × the ladder's multiplier, rounded by the backbone's rule),
 * so the child trains exactly the model the plan describes.
 */
import { getBackbone } from '@scaling-lab/core';
import { scaleSpec } from '@scaling-lab/scaling';
import type { PlannedRun } from '../catalogue/experiments';
import type { Preset } from '../catalogue/presets';

export interface ChildOptions {
  readonly outDir: string;
  readonly backend: string;
  readonly dataDir?: string;
  /** Discard the run's checkpoint and train it from scratch. */
  readonly restart?: boolean;
}

export function trainArgs(run: PlannedRun, preset: Preset, options: ChildOptions): string[] {
  const backbone = getBackbone(run.backbone);
  const { resolution } = scaleSpec(backbone, run.request);
  const r = run.request;
  const t = preset.training;
  const args = ['train', '--backbone', run.backbone, '--resolution', String(resolution)];
  if (r.depth !== undefined) args.push('--depth', String(r.depth));
  if (r.width !== undefined) args.push('--width', String(r.width));
  if (r.phi !== undefined && r.phi !== 0) {
    args.push('--phi', String(r.phi));
    if (r.coefficients) {
      args.push('--alpha', String(r.coefficients.alpha), '--beta', String(r.coefficients.beta), '--gamma', String(r.coefficients.gamma));
    }
  }
  args.push(
    '--dataset', preset.dataset,
    '--channels', String(preset.channels),
    '--epochs', String(t.epochs),
    '--batch', String(t.batchSize),
    '--optimizer', t.optimizer,
    '--lr', String(t.learningRate),
    '--schedule', t.schedule,
    '--warmup-epochs', String(t.warmupEpochs),
    '--label-smoothing', String(t.labelSmoothing),
    '--weight-decay', String(t.weightDecay),
    '--seed', String(run.seed),
    '--backend', options.backend,
    '--out', options.outDir,
    '--json',
  );
  if (t.augment.length > 0) args.push('--augment', t.augment.join(','));
  if (t.limitTrain !== undefined) args.push('--limit-train', String(t.limitTrain));
  if (t.limitTest !== undefined) args.push('--limit-test', String(t.limitTest));
  if (options.dataDir !== undefined) args.push('--data-dir', options.dataDir);
  if (options.restart) args.push('--restart');
  return args;
}
