/**
 * `scaling-lab bench plan`: how long planning takes. Times the weight-free profile of one model against
 * building it with weights and profiling (same numbers, checked), and solving every family's `-all`
 * ladder under a preset from a cold cache.
 */
import { getBackbone, profileModel, profileWithoutWeights } from '@scaling-lab/backbones';
import { scaleSpec } from '@scaling-lab/scaling';
import { listExperiments } from '../catalogue/experiments';
import { solveExperimentLadder } from '../catalogue/ladder-plan';
import type { Preset } from '../catalogue/presets';

export interface PlanBench {
  readonly backbone: string;
  readonly resolution: number;
  /** Median milliseconds over the repeats. */
  readonly weightFreeMs: number;
  readonly withWeightsMs: number;
  readonly flops: number;
  readonly preset: string;
  /** Milliseconds to solve every `-all` experiment's ladder, and how many ladder points that was. */
  readonly catalogueMs: number;
  readonly cataloguePoints: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timed<T>(f: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const value = f();
  return [value, Number(process.hrtime.bigint() - t0) / 1e6];
}

export function runPlanBench(backboneId: string, preset: Preset, repeats: number): PlanBench {
  const backbone = getBackbone(backboneId);
  const spec = scaleSpec(backbone, {});
  const options = { numClasses: 1000, inputChannels: 3 };
  const free: number[] = [];
  const full: number[] = [];
  let flops = 0;
  for (let i = 0; i < repeats; i++) {
    const [profile, ms] = timed(() => profileWithoutWeights(() => backbone.build(spec, options)));
    free.push(ms);
    const [real, msFull] = timed(() => {
      const model = backbone.build(spec, options);
      try {
        return profileModel(model);
      } finally {
        model.dispose();
      }
    });
    full.push(msFull);
    if (real.flops !== profile.flops)
      throw new Error(`weight-free profile of ${backboneId} differs: ${profile.flops} vs ${real.flops}`);
    flops = real.flops;
  }
  const all = listExperiments().filter((e) => e.name.endsWith('-all'));
  const [points, catalogueMs] = timed(() =>
    all.reduce((n, e) => n + solveExperimentLadder(e, preset).steps.length + 1, 0),
  );
  return {
    backbone: backboneId,
    resolution: spec.resolution,
    weightFreeMs: median(free),
    withWeightsMs: median(full),
    flops,
    preset: preset.id,
    catalogueMs,
    cataloguePoints: points,
  };
}

export function formatPlanBench(b: PlanBench): string {
  return [
    `${b.backbone} at ${b.resolution} px (${(b.flops / 1e9).toFixed(2)}G MACs): weight-free profile ${b.weightFreeMs.toFixed(0)} ms, ` +
      `built with weights and profiled ${b.withWeightsMs.toFixed(0)} ms (medians)`,
    `every -all ladder on ${b.preset} (${b.cataloguePoints} points, cold cache): ${(b.catalogueMs / 1000).toFixed(1)} s`,
  ].join('\n');
}
