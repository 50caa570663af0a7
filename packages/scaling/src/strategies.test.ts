import { ladderStep } from './ladders';
import { compoundMultipliers, flopsPerPhi, PAPER_COEFFICIENTS, scaleSpec } from './strategies';
import { tableBackbone } from '../testing/table-backbone';

describe('scaleSpec', () => {
  const backbone = tableBackbone();

  it('is the identity without a request', () => {
    const spec = scaleSpec(backbone);
    expect(spec.stages).toEqual(backbone.base.stages);
    expect(spec.stem).toBe(32);
    expect(spec.head).toBe(1280);
    expect(spec.resolution).toBe(224);
    expect(spec.scale).toEqual({ depth: 1, width: 1, resolution: 1, phi: null });
  });

  it('depth 2 doubles every stage’s repeats and leaves widths alone', () => {
    const spec = scaleSpec(backbone, { depth: 2 });
    expect(spec.stages.map((s) => s.repeats)).toEqual(backbone.base.stages.map((s) => 2 * s.repeats));
    expect(spec.stages.map((s) => s.channels)).toEqual(backbone.base.stages.map((s) => s.channels));
  });

  it('fractional depth rounds each stage up', () => {
    expect(scaleSpec(backbone, { depth: 1.2 }).stages.map((s) => s.repeats)).toEqual([2, 3, 4, 5]);
  });

  it('width rounds stem, stages and head to multiples of 8 within 10%', () => {
    const spec = scaleSpec(backbone, { width: 1.1 });
    expect(spec.stem).toBe(32);
    expect(spec.stages.map((s) => s.channels)).toEqual([16, 24, 48, 88]);
    expect(spec.head).toBe(1408);
  });

  it('keeps the head below width 1 when the backbone asks for it (Keras MobileNetV2)', () => {
    const keep = tableBackbone({ rounding: { channelDivisor: 8, head: 'keep-below-one', resolutionDivisor: 8 } });
    expect(scaleSpec(keep, { width: 0.5 }).head).toBe(1280);
    expect(scaleSpec(keep, { width: 1 }).head).toBe(1280);
    expect(scaleSpec(keep, { width: 1.4 }).head).toBe(1792);
  });

  it('resolution multiplier rounds to the divisor; explicit pixels are kept', () => {
    expect(scaleSpec(backbone, { resolutionMultiplier: 1.15 }).resolution).toBe(256);
    expect(scaleSpec(backbone, { resolution: 100 }).resolution).toBe(100);
    expect(scaleSpec(backbone, { resolutionMultiplier: 2, baseResolution: 32 }).resolution).toBe(64);
  });

  it('a request may round resolution more finely than the backbone', () => {
    expect(scaleSpec(backbone, { phi: 1, baseResolution: 32 }).resolution).toBe(40);
    expect(scaleSpec(backbone, { phi: 1, baseResolution: 32, resolutionDivisor: 4 }).resolution).toBe(36);
    expect(scaleSpec(backbone, { phi: 2, baseResolution: 32, resolutionDivisor: 4 }).resolution).toBe(44);
  });

  it('compound φ applies α^φ, β^φ, γ^φ', () => {
    const spec = scaleSpec(backbone, { phi: 1 });
    expect(spec.scale.depth).toBeCloseTo(1.2);
    expect(spec.scale.width).toBeCloseTo(1.1);
    expect(spec.resolution).toBe(256);
    expect(spec.scale.phi).toBe(1);
    expect(spec.stages.map((s) => s.repeats)).toEqual([2, 3, 4, 5]);
  });

  it('custom coefficients override the paper’s', () => {
    const spec = scaleSpec(backbone, { phi: 1, coefficients: { alpha: 2, beta: 1, gamma: 1 } });
    expect(spec.stages.map((s) => s.repeats)).toEqual([2, 4, 6, 8]);
    expect(spec.resolution).toBe(224);
  });
});

describe('compound coefficients', () => {
  it('the paper’s α·β²·γ² is ≈ 1.92', () => {
    expect(flopsPerPhi(PAPER_COEFFICIENTS)).toBeCloseTo(1.92, 2);
  });

  it('multipliers grow geometrically in φ', () => {
    const m2 = compoundMultipliers(2);
    expect(m2.depth).toBeCloseTo(1.44);
    expect(m2.width).toBeCloseTo(1.21);
    expect(m2.resolution).toBeCloseTo(1.3225);
  });
});

describe('FLOPs-matched ladders', () => {
  it('maps a FLOPs ratio to each strategy’s knob', () => {
    expect(ladderStep('depth', 4)).toEqual({ depth: 4 });
    expect(ladderStep('width', 4)).toEqual({ width: 2 });
    expect(ladderStep('resolution', 4)).toEqual({ resolutionMultiplier: 2 });
    expect(ladderStep('compound', 4).phi).toBeCloseTo(2);
  });

  it('composes with a baseline and turns a pixel baseline into a base resolution', () => {
    const step = ladderStep('resolution', 2, { width: 0.25, resolution: 32 });
    expect(step.width).toBe(0.25);
    expect(step.resolution).toBeUndefined();
    expect(step.baseResolution).toBe(32);
    expect(step.resolutionMultiplier).toBeCloseTo(Math.SQRT2);
    const backbone = tableBackbone();
    expect(scaleSpec(backbone, step).resolution).toBe(48);
    expect(scaleSpec(backbone, ladderStep('compound', 1, { resolution: 32 })).resolution).toBe(32);
  });

  it('rejects non-positive ratios', () => {
    expect(() => ladderStep('depth', 0)).toThrow(RangeError);
  });
});
