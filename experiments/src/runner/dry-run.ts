/**
 * `scaling-lab run <experiment> --dry-run [--json]`: the solved plan without training. Per run: strategy,
 * knob and requested value, target and reached FLOPs ratio, multiply-adds, params, and whether the point is
 * within the tolerance of its target or off-target and why; and the expected runtime of each run and of the
 * whole plan on this machine's cores with the runner's worker count (estimate/cost-model.ts).
 */
import { formatCount, formatInteger, getBackbone } from '@scaling-lab/core';
import { DEFAULT_RATIO_TOLERANCE, formatKnob, scaleSpec } from '@scaling-lab/scaling';
import type { Experiment, PlannedRun } from '../catalogue/experiments';
import type { Preset } from '../catalogue/presets';
import { COST_CONSTANTS } from '../estimate/cost-model';
import { estimatePlan } from '../estimate/estimate-plan';
import { formatDuration } from './format-duration';

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
  /** Expected wall seconds of the run as the sweep packs it; null when the dataset's size is unknown. */
  readonly expectedSeconds: number | null;
}

export interface DryRunTotal {
  readonly runs: number;
  /** Expected wall seconds of the whole plan; null when the dataset's size is unknown (an image folder). */
  readonly expectedSeconds: number | null;
  /** Runs trained side by side (the runner's --jobs, at most the number of runs) and the cores they share. */
  readonly jobs: number;
  readonly cores: number;
  /** The backend the estimate's cost constants were measured on. */
  readonly backend: string;
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
  readonly total: DryRunTotal;
}

/** Where the plan would run: the runner's worker count and the machine's cores. */
export interface DryRunMachine {
  readonly jobs: number;
  readonly cores: number;
}

export function dryRunPlan(
  experiment: Experiment,
  preset: Preset,
  seeds: number,
  runs: readonly PlannedRun[],
  machine: DryRunMachine,
): DryRunPlan {
  const backbone = getBackbone(experiment.backbone);
  const estimate = estimatePlan(runs, preset, machine);
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
      expectedSeconds: estimate?.runSeconds.get(run.key) ?? null,
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
    total: {
      runs: items.length,
      expectedSeconds: estimate?.total.seconds ?? null,
      jobs: Math.max(1, Math.min(machine.jobs, items.length)),
      cores: machine.cores,
      backend: estimate?.total.backend ?? COST_CONSTANTS.backend,
    },
  };
}

/** The plan as an aligned table, one line per ladder point (seeds collapsed), then the off-target count. */
export function formatDryRun(plan: DryRunPlan): string {
  const points = plan.runs.filter((r) => r.seed === 0);
  const header = ['strategy', 'knob', 'target', 'reached', 'MACs', 'params', 'px', 'time', 'status'];
  const rows = points.map((r) => [
    r.strategy,
    r.knob === null ? '—' : `${r.knob === 'phi' ? 'φ' : r.knob}=${formatKnob(r.knobValue ?? 0)}`,
    `×${r.targetRatio}`,
    `×${r.reachedRatio.toFixed(2)}`,
    formatCount(r.flops),
    formatInteger(r.params),
    String(r.resolution),
    formatDuration(r.expectedSeconds),
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
    formatTotal(plan),
    '',
  ].join('\n');
}

/** The plan's expected runtime, and what it assumes. */
function formatTotal(plan: DryRunPlan): string {
  const t = plan.total;
  if (t.expectedSeconds === null) return `expected runtime: unknown (the dataset's size is only known once it is read)`;
  return (
    `expected runtime: ${formatDuration(t.expectedSeconds)} for ${t.runs} run(s), ${t.jobs} side by side on ${t.cores} core(s) ` +
    `(cost model of the ${t.backend} path; each run's own time in the time column)`
  );
}
