/**
 * Fits the cost model's constants (cost-model.ts) to calibration runs: short `scaling-lab train --json`
 * runs of several families and sizes, each with its process's CPU and wall time. On a busy machine a run
 * gets only a share of a core, so its times are scaled by that share (CPU seconds over wall seconds) to
 * what one free core would take. Fits minimise relative error, so small and large models count alike.
 */
import type { CostConstants, ModelShape } from './cost-model';

/** One calibration run: its model, its work, and what it measured. */
export interface CalibrationSample {
  readonly name: string;
  readonly shape: ModelShape;
  readonly batchSize: number;
  readonly trainImages: number;
  /** Test images plus the training images batch-norm statistics were re-estimated on. */
  readonly forwardImages: number;
  /** The training loop's own seconds (the result's `seconds`). */
  readonly trainSeconds: number;
  /** The whole process: wall seconds and CPU (user + system) seconds. */
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  /** Native threads the run used (1 for side-by-side workers). */
  readonly threads: number;
  /** The backend it trained on (the result's `backend`). */
  readonly backend: string;
}

/** The share of a core (of its threads) the run got: 1 on an idle machine. */
export function coreShare(s: CalibrationSample): number {
  return Math.min(1, s.cpuSeconds / (s.wallSeconds * s.threads));
}

/** Least squares for a few unknowns: minimises Σ (rows·x − y)² through the normal equations. */
export function leastSquares(rows: readonly number[][], y: readonly number[]): number[] {
  const n = rows[0].length;
  const a = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => rows.reduce((sum, row, k) => sum + row[i] * (j < n ? row[j] : y[k]), 0)),
  );
  for (let col = 0; col < n; col++) {
    const pivot = a.reduce(
      (best, _row, r) => (r >= col && Math.abs(a[r][col]) > Math.abs(a[best][col]) ? r : best),
      col,
    );
    [a[col], a[pivot]] = [a[pivot], a[col]];
    if (Math.abs(a[col][col]) < 1e-300) throw new Error('calibration samples do not determine the constants');
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r][col] / a[col][col];
      for (let c = col; c <= n; c++) a[r][c] -= f * a[col][c];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}

/** One-core training seconds per image of a sample. */
export function measuredSecondsPerImage(s: CalibrationSample): number {
  return (s.trainSeconds * coreShare(s)) / s.trainImages;
}

export function fitCostConstants(
  singleThread: readonly CalibrationSample[],
  allCores: readonly CalibrationSample[],
  backend: string,
): CostConstants {
  // Training seconds per image = a · layers / batch + b · MACs, each row divided by its target (relative
  // error). A third term for elementwise operations (they grow with the maps) was tried on the first
  // calibration set: it lowered the fitted error (17% → 14%) but raised the held-out one (11% → 16%).
  const y = singleThread.map(measuredSecondsPerImage);
  const [secondsPerLayerStep, secondsPerMac] = leastSquares(
    singleThread.map((s, i) => [s.shape.layers / s.batchSize / y[i], s.shape.macs / y[i]]),
    y.map(() => 1),
  );
  // Time outside the training loop = start-up + forward images × the model's per-image time × forward share.
  const perImage = (s: CalibrationSample) =>
    (secondsPerLayerStep * s.shape.layers) / s.batchSize + secondsPerMac * s.shape.macs;
  const outside = singleThread.map((s) => (s.wallSeconds - s.trainSeconds) * coreShare(s));
  const [startupSeconds, forwardShare] = leastSquares(
    singleThread.map((s, i) => [1 / outside[i], (s.forwardImages * perImage(s)) / outside[i]]),
    outside.map(() => 1),
  );
  // All cores against one, same models: the ratio of their training img/s. The one-core run is scaled to
  // a free core as above; the all-core run is taken as measured (its wasm part is single-threaded, so its
  // CPU over wall time says little about what it lost to others), which can only understate the speed-up.
  const speedups = allCores.flatMap((many) => {
    const one = singleThread.find((s) => s.name === many.name);
    return one === undefined ? [] : [measuredSecondsPerImage(one) / (many.trainSeconds / many.trainImages)];
  });
  const mean = speedups.length === 0 ? 1 : speedups.reduce((a, b) => a + b, 0) / speedups.length;
  const allCoresSpeedup = Math.max(1, mean);
  return { backend, secondsPerLayerStep, secondsPerMac, startupSeconds, forwardShare, allCoresSpeedup };
}
