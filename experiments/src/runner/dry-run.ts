/**
 * `scaling-lab run <experiment> --dry-run [--json]`: the solved plan without training. Per run: strategy,
 * knob and requested value, target and reached FLOPs ratio, multiply-adds, params, and whether the point is
 * within the tolerance of its target or off-target and why.
 */
import { formatCount, formatInteger, getBackbone } from '@scaling-lab/core';
import { DEFAULT_RATIO_TOLERANCE, formatKnob, scaleSpec } from '@scaling-lab/scaling';
import type { Experiment, PlannedRun } from '../catalogue/experiments';
import type { Preset } from '../catalogue/presets';

export interface DryRunRun {
  readonly key: string;
  readonly strategy: string;
  /** Strategy lines whose rows the run's result is stored under (the baseline is shared by all). */
  readonly strategies: readonly string[];
  readonly seed: number;
  readonly knob: string | null;
  readonly knobValue: number | null;
  readonly targetRatio: number;
  readonly reachedRatio: number;
  readonly onTarget: boolean;
  readonly offTargetReason: string | null;
  readonly depth: number;
  readonly width: number;
  readonly resolution: number;
  readonly phi: number | null;
  /** Multiply-adds of conv and dense layers. */
  readonly flops: number;
  /** Trainable parameters. */
  readonly params: number;
}

export interface DryRunPlan {
  readonly experiment: string;
  readonly preset: string;
  readonly backbone: string;
  readonly tolerance: number;
  readonly seeds: number;
  readonly runs: DryRunRun[];
  /** Distinct ladder points (strategy × ratio, baseline once) outside the tolerance. */
  readonly offTarget: number;
}

export function dryRunPlan(
  experiment: Experiment,
  preset: Preset,
  seeds: number,
  runs: readonly PlannedRun[],
): DryRunPlan {
  const backbone = getBackbone(experiment.backbone);
  const items = runs.map((run): DryRunRun => {
    const { scale } = scaleSpec(backbone, run.request);
    const p = run.ladder;
    return {
      key: run.key,
      strategy: run.step === 1 ? 'baseline' : run.strategy,
      strategies: run.strategies,
      seed: run.seed,
      knob: p.knob,
      knobValue: p.knobValue,
      targetRatio: p.targetRatio,
      reachedRatio: p.reachedRatio,
      onTarget: p.onTarget,
      offTargetReason: p.offTargetReason,
      depth: scale.depth,
      width: scale.width,
      resolution: p.resolution,
      phi: scale.phi,
      flops: p.flops,
      params: p.params,
    };
  });
  const offTarget = new Set(items.filter((r) => !r.onTarget).map((r) => `${r.strategy}@${r.targetRatio}`)).size;
  return {
    experiment: experiment.name,
    preset: preset.id,
    backbone: experiment.backbone,
    tolerance: DEFAULT_RATIO_TOLERANCE,
    seeds,
    runs: items,
    offTarget,
  };
}

/** The plan as an aligned table, one line per ladder point (seeds collapsed), then the off-target count. */
export function formatDryRun(plan: DryRunPlan): string {
  const points = plan.runs.filter((r) => r.seed === 0);
  const header = ['strategy', 'knob', 'target', 'reached', 'MACs', 'params', 'px', 'status'];
  const rows = points.map((r) => [
    r.strategy,
    r.knob === null ? '—' : `${r.knob === 'phi' ? 'φ' : r.knob}=${formatKnob(r.knobValue ?? 0)}`,
    `×${r.targetRatio}`,
    `×${r.reachedRatio.toFixed(2)}`,
    formatCount(r.flops),
    formatInteger(r.params),
    String(r.resolution),
    r.onTarget ? 'on target' : `OFF TARGET: ${r.offTargetReason}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  const pct = Math.round(plan.tolerance * 100);
  return [
    `${plan.experiment} (${plan.preset}), backbone ${plan.backbone}: ${plan.runs.length} run(s) = ${points.length} point(s) × ${plan.seeds} seed(s); ` +
      `tolerance ±${pct}% of the target FLOPs ratio`,
    line(header),
    ...rows.map(line),
    `${plan.offTarget} of ${points.length - 1} ladder point(s) off target (nothing trained: --dry-run)`,
    '',
  ].join('\n');
}
