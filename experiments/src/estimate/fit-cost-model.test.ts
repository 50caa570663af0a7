import { type CostConstants, secondsPerImage } from './cost-model';
import {
  type CalibrationSample,
  coreShare,
  fitCostConstants,
  leastSquares,
  measuredSecondsPerImage,
} from './fit-cost-model';

const truth: CostConstants = {
  backend: 'wasm+native',
  secondsPerLayerStep: 4e-4,
  secondsPerMac: 2e-10,
  startupSeconds: 1.5,
  forwardShare: 0.3,
  allCoresSpeedup: 1.4,
};

/** A sample as a run would measure it under `truth`, given the share of a core it got. */
function sample(name: string, macs: number, layers: number, share: number, threads = 1): CalibrationSample {
  const shape = { macs, layers };
  const perImage = secondsPerImage(shape, 64, truth);
  const speed = threads > 1 ? truth.allCoresSpeedup : 1;
  const trainImages = 3200;
  const forwardImages = 4200;
  // One free core would take these; a run with `share` of a core takes 1/share as long in wall time.
  const trainFree = (perImage * trainImages) / speed;
  const outsideFree = truth.startupSeconds + truth.forwardShare * forwardImages * perImage;
  const wallSeconds = (trainFree + outsideFree) / share;
  return {
    name,
    shape,
    batchSize: 64,
    trainImages,
    forwardImages,
    trainSeconds: trainFree / share,
    wallSeconds,
    cpuSeconds: wallSeconds * share * threads,
    threads,
    backend: 'wasm+native',
  };
}

describe('leastSquares', () => {
  it('solves an exactly determined system and the best fit of an overdetermined one', () => {
    expect(
      leastSquares(
        [
          [2, 1],
          [1, 3],
        ],
        [5, 10],
      ),
    ).toEqual([1, 3].map((x) => expect.closeTo(x, 12)));
    // y = 2x + 1 sampled with symmetric noise: the fit is the line itself.
    const [slope, intercept] = leastSquares(
      [
        [0, 1],
        [1, 1],
        [2, 1],
        [3, 1],
      ],
      [1.1, 2.9, 5.1, 6.9],
    );
    expect(slope).toBeCloseTo(1.96, 12);
    expect(intercept).toBeCloseTo(1.06, 12);
  });

  it('refuses samples that cannot separate the constants', () => {
    expect(() =>
      leastSquares(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 2],
      ),
    ).toThrow(/do not determine/);
  });
});

describe('fitCostConstants', () => {
  const single = [
    sample('a', 1e6, 80, 1),
    sample('b', 5e6, 170, 0.5),
    sample('c', 20e6, 170, 0.8),
    sample('d', 1e6, 230, 0.3),
  ];

  it('recovers the constants from runs that each got a different share of a core', () => {
    expect(coreShare(single[1])).toBeCloseTo(0.5, 12);
    expect(measuredSecondsPerImage(single[1])).toBeCloseTo(secondsPerImage({ macs: 5e6, layers: 170 }, 64, truth), 12);
    const fitted = fitCostConstants(single, [sample('c', 20e6, 170, 1, 2)], 'wasm+native');
    expect(fitted.secondsPerLayerStep).toBeCloseTo(truth.secondsPerLayerStep, 12);
    expect(fitted.secondsPerMac / truth.secondsPerMac).toBeCloseTo(1, 9);
    expect(fitted.startupSeconds).toBeCloseTo(truth.startupSeconds, 9);
    expect(fitted.forwardShare).toBeCloseTo(truth.forwardShare, 9);
    expect(fitted.allCoresSpeedup).toBeCloseTo(truth.allCoresSpeedup, 9);
    expect(fitted.backend).toBe('wasm+native');
  });

  it('without all-core runs, assumes no speed-up', () => {
    expect(fitCostConstants(single, [], 'wasm+native').allCoresSpeedup).toBe(1);
  });
});
