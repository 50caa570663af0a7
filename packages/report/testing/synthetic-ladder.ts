/**
 * Synthetic result rows for tests and demos: a FLOPs-matched ladder per strategy with plausible numbers
 * (FLOPs ≈ k × base with rounding wobble, accuracy rising with log k at a strategy-specific rate, seed noise
 * from a fixed pseudo-random sequence). Not real measurements; only the shape of real ones.
 */
import { createHash } from 'node:crypto';
import type { Recipe } from '@scaling-lab/run-record';
import type { ExperimentInfo, PlannedPoint, ResultRow } from '../src/result-row';

const RECIPE: Recipe = {
  epochs: 3,
  batchSize: 64,
  optimizer: 'adam',
  learningRate: 2e-3,
  schedule: 'cosine',
  warmupEpochs: 0,
  labelSmoothing: 0,
  weightDecay: 0,
  augment: [],
  zeroInitResidual: true,
};

/** A stand-in identity: distinct per model and seed, stable across calls. */
const fakeRunKey = (...parts: unknown[]) =>
  createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);

/** The knob a strategy turned at ratio k, relative to the baseline. */
function requestedAt(strategy: string, k: number): number | null {
  if (strategy === 'depth') return k;
  if (strategy === 'width' || strategy === 'resolution') return Math.sqrt(k);
  if (strategy === 'compound') return Math.log2(k);
  return null;
}

export interface SyntheticOptions {
  experiment?: string;
  backbone?: string;
  dataset?: string;
  strategies?: string[];
  steps?: number[];
  seeds?: number[];
  baseFlops?: number;
  baseParams?: number;
  baseResolution?: number;
  baseTop1?: number;
  preset?: string;
}

// Accuracy gained per doubling of FLOPs, ordered as in the paper's Fig. 8: compound > width/res > depth.
const GAIN_PER_DOUBLING: Record<string, number> = { depth: 0.012, width: 0.016, resolution: 0.018, compound: 0.026 };

/** Deterministic noise in [-1, 1) from integers (a small integer hash; no global RNG state). */
function noise(...xs: number[]): number {
  let h = 2166136261;
  for (const x of xs) h = Math.imul(h ^ Math.round(x * 1000), 16777619) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
  return (h % 20000) / 10000 - 1;
}

const ROUND_TO = 8;
const roundTo8 = (v: number) => Math.max(ROUND_TO, Math.round(v / ROUND_TO) * ROUND_TO);

export function syntheticRows(o: SyntheticOptions = {}): ResultRow[] {
  const strategies = o.strategies ?? ['depth', 'width', 'resolution', 'compound'];
  const steps = o.steps ?? [1, 2, 4, 8];
  const seeds = o.seeds ?? [0];
  const baseFlops = o.baseFlops ?? 48e6;
  const baseParams = o.baseParams ?? 2.2e6;
  const baseRes = o.baseResolution ?? 32;
  const baseTop1 = o.baseTop1 ?? 0.78;
  const rows: ResultRow[] = [];
  strategies.forEach((strategy, si) => {
    for (const k of steps) {
      const log2k = Math.log2(k);
      const depth = strategy === 'depth' ? k : strategy === 'compound' ? 1.2 ** log2k : 1;
      const width = strategy === 'width' ? Math.sqrt(k) : strategy === 'compound' ? 1.1 ** log2k : 1;
      const rMult = strategy === 'resolution' ? Math.sqrt(k) : strategy === 'compound' ? 1.15 ** log2k : 1;
      const resolution = roundTo8(baseRes * rMult);
      // Rounding channels and repeats lands near, not on, the target ratio.
      const flops = Math.round(baseFlops * k * (k === 1 ? 1 : 1 + 0.06 * noise(si, k)));
      const paramsFactor = strategy === 'resolution' ? 1 : strategy === 'compound' ? k ** 0.8 : k;
      const params = Math.round(baseParams * paramsFactor * (1 + 0.03 * noise(si, k, 7)));
      const gain = GAIN_PER_DOUBLING[strategy] ?? 0.01;
      for (const seed of seeds) {
        const top1 = Math.min(0.995, baseTop1 + gain * log2k - 0.0015 * log2k ** 2 + 0.004 * noise(si, k, seed, 1));
        const seconds = 30 * k * (1 + 0.1 * noise(si, k, seed, 2));
        const imagesSeen = 60000 * 3;
        const start = Date.UTC(2026, 10, 27, 12, 0, 0) + rows.length * 600_000;
        rows.push({
          experiment: o.experiment ?? 'fashion-scaling',
          backbone: o.backbone ?? 'mobilenet-v2',
          strategy,
          step: k,
          requested: requestedAt(strategy, k),
          targetRatio: k,
          reachedRatio: flops / baseFlops,
          onTarget: null,
          depth: Number(depth.toFixed(4)),
          width: Number(width.toFixed(4)),
          resolution,
          phi: strategy === 'compound' ? log2k : null,
          params,
          flops,
          top1: Number(top1.toFixed(4)),
          top5: Number(Math.min(1, top1 + 0.15).toFixed(4)),
          loss: Number((0.9 - (top1 - 0.5)).toFixed(4)),
          trainLoss: Number((0.8 - (top1 - 0.5)).toFixed(4)),
          trainAccuracy: Number(Math.min(1, top1 + 0.02).toFixed(4)),
          epochs: 3,
          imagesSeen,
          seconds: Number(seconds.toFixed(1)),
          imgPerSec: Number((imagesSeen / seconds).toFixed(1)),
          backend: 'wasm',
          seed,
          dataset: o.dataset ?? 'fashion-mnist',
          channels: 1,
          limitTrain: null,
          limitTest: null,
          preset: o.preset ?? 'quick',
          recipe: RECIPE,
          scale: { depth, width, resolution },
          gitCommit: '0123456789abcdef0123456789abcdef01234567',
          startedAt: new Date(start).toISOString(),
          finishedAt: new Date(start + seconds * 1000).toISOString(),
          runKey: k === 1 ? fakeRunKey(1, seed) : fakeRunKey(strategy, k, seed),
        });
      }
    }
  });
  return rows;
}

export function syntheticInfo(o: SyntheticOptions = {}): ExperimentInfo {
  const strategies = o.strategies ?? ['depth', 'width', 'resolution', 'compound'];
  const planned: PlannedPoint[] = [];
  for (const strategy of strategies)
    for (const step of o.steps ?? [1, 2, 4, 8])
      for (const seed of o.seeds ?? [0]) planned.push({ strategy, step, seed });
  return {
    name: o.experiment ?? 'fashion-scaling',
    title: 'Scaling strategies at matched FLOPs',
    backbone: o.backbone ?? 'mobilenet-v2',
    dataset: o.dataset ?? 'fashion-mnist',
    preset: o.preset ?? 'quick',
    planned,
  };
}
