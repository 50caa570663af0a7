import { type CostConstants, runSeconds, secondsPerImage } from './cost-model';
import { COST_CONSTANTS } from './cost-model';

const c: CostConstants = {
  backend: 'wasm+native',
  secondsPerLayerStep: 0.001,
  secondsPerMac: 1e-9,
  startupSeconds: 4,
  forwardShare: 0.25,
  allCoresSpeedup: 1.5,
};

describe('cost model', () => {
  it('per image: the per-layer step cost shared by the batch plus the per-MAC cost', () => {
    // 100 layers × 1 ms / 50 images + 2M MACs × 1 ns = 2 ms + 2 ms.
    expect(secondsPerImage({ macs: 2e6, layers: 100 }, 50, c)).toBeCloseTo(0.004, 12);
    // A larger batch spreads the fixed cost thinner; MACs cost the same.
    expect(secondsPerImage({ macs: 2e6, layers: 100 }, 100, c)).toBeCloseTo(0.003, 12);
  });

  it('per run: start-up, the training epochs, and the forward images at their share', () => {
    const seconds = runSeconds(
      { macs: 2e6, layers: 100 },
      { epochs: 2, batchSize: 50, trainImages: 1000, forwardImages: 400 },
      c,
    );
    expect(seconds).toBeCloseTo(4 + 0.004 * (2 * 1000 + 0.25 * 400), 9);
  });

  it('ships constants that are positive and measured on a named backend', () => {
    expect(COST_CONSTANTS.backend).toMatch(/\S/);
    for (const key of ['secondsPerLayerStep', 'secondsPerMac', 'startupSeconds', 'allCoresSpeedup'] as const)
      expect(COST_CONSTANTS[key]).toBeGreaterThan(0);
    expect(COST_CONSTANTS.forwardShare).toBeGreaterThan(0);
    expect(COST_CONSTANTS.forwardShare).toBeLessThan(1);
  });
});
