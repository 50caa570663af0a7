/**
 * `scaling-lab bench cost-model`: fits the cost model to calibration samples, leaving some out, and shows
 * how far its per-image prediction is from every sample, the held-out ones being the honest check.
 */
import { type CostConstants, secondsPerImage } from './cost-model';
import { type CalibrationSample, coreShare, fitCostConstants, measuredSecondsPerImage } from './fit-cost-model';

export interface CalibrationRow {
  readonly name: string;
  readonly heldOut: boolean;
  readonly macs: number;
  readonly layers: number;
  readonly coreShare: number;
  readonly measuredMs: number;
  readonly predictedMs: number;
  /** Predicted over measured, minus one. */
  readonly error: number;
}

export interface Calibration {
  readonly constants: CostConstants;
  readonly rows: CalibrationRow[];
  /** Mean absolute relative error of the per-image prediction on the fitted and on the held-out samples. */
  readonly fitError: number;
  readonly heldOutError: number | null;
  /** Names of the all-core runs the speed-up was measured on. */
  readonly allCoresSamples: string[];
}

export function calibrate(
  samples: readonly CalibrationSample[],
  heldOut: readonly string[],
  backend: string,
): Calibration {
  const unknown = heldOut.filter((name) => !samples.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`--hold-out names no sample: ${unknown.join(', ')}`);
  const single = samples.filter((s) => s.threads === 1);
  const fitted = single.filter((s) => !heldOut.includes(s.name));
  if (fitted.length < 2)
    throw new Error(
      `${fitted.length} one-thread run(s) left to fit; the constants need at least 2 models of different sizes (THREADS=1 runs, not held out)`,
    );
  const allCores = samples.filter((s) => s.threads > 1);
  const constants = fitCostConstants(fitted, allCores, backend);
  const rows = single.map((s): CalibrationRow => {
    const measured = measuredSecondsPerImage(s);
    const predicted = secondsPerImage(s.shape, s.batchSize, constants);
    return {
      name: s.name,
      heldOut: heldOut.includes(s.name),
      macs: s.shape.macs,
      layers: s.shape.layers,
      coreShare: coreShare(s),
      measuredMs: 1000 * measured,
      predictedMs: 1000 * predicted,
      error: predicted / measured - 1,
    };
  });
  const mae = (rs: CalibrationRow[]) =>
    rs.length === 0 ? null : rs.reduce((a, r) => a + Math.abs(r.error), 0) / rs.length;
  return {
    constants,
    rows,
    fitError: mae(rows.filter((r) => !r.heldOut)) ?? 0,
    heldOutError: mae(rows.filter((r) => r.heldOut)),
    allCoresSamples: allCores.map((s) => s.name),
  };
}

export function formatCalibration(c: Calibration): string {
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(0)}%`;
  const lines = c.rows.map(
    (r) =>
      `${r.name.padEnd(20)} ${r.heldOut ? 'held out' : 'fitted  '} ${(r.macs / 1e6).toFixed(2).padStart(7)}M MACs ${String(r.layers).padStart(4)} layers ` +
      `core share ${r.coreShare.toFixed(2)}  measured ${r.measuredMs.toFixed(3)} ms/img  predicted ${r.predictedMs.toFixed(3)}  ${pct(r.error)}`,
  );
  return [
    ...lines,
    `mean |error|: fitted ${(100 * c.fitError).toFixed(0)}%` +
      (c.heldOutError === null ? '' : `, held out ${(100 * c.heldOutError).toFixed(0)}%`),
    JSON.stringify(c.constants, null, 2),
  ].join('\n');
}

/** What `--write` stores: the constants, then how they were fitted and how well they predict. */
export function constantsFile(c: Calibration): string {
  const round = (x: number, digits = 4) => Number(x.toPrecision(digits));
  return `${JSON.stringify(
    {
      ...c.constants,
      calibration: {
        fitError: round(c.fitError, 2),
        heldOutError: c.heldOutError === null ? null : round(c.heldOutError, 2),
        samples: c.rows.map((r) => ({
          name: r.name,
          heldOut: r.heldOut,
          macs: r.macs,
          layers: r.layers,
          coreShare: round(r.coreShare, 2),
          measuredMsPerImage: round(r.measuredMs),
          predictedMsPerImage: round(r.predictedMs),
        })),
        allCoresSamples: c.allCoresSamples,
      },
    },
    null,
    2,
  )}\n`;
}
