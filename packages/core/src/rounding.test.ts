import { roundFilters, roundRepeats, roundResolution } from './rounding';

describe('roundFilters (reference round_filters / _make_divisible)', () => {
  it('keeps exact multiples of the divisor', () => {
    for (const c of [8, 16, 32, 64, 1280]) expect(roundFilters(c, 1)).toBe(c);
  });

  it.each([
    // [channels, width, expected] from the TF reference's rounding of EfficientNet widths
    [32, 1.1, 32],
    [16, 1.1, 16],
    [24, 1.1, 24],
    [40, 1.1, 48],
    [80, 1.1, 88],
    [112, 1.1, 120],
    [192, 1.1, 208],
    [320, 1.1, 352],
    [1280, 1.1, 1408],
    [32, 1.4, 48],
    [1280, 2.0, 2560],
    [24, 0.35, 8],
  ])('rounds %i × %f to %i', (c, w, expected) => {
    expect(roundFilters(c, w)).toBe(expected);
  });

  it('never falls more than 10% below the exact width and is always a multiple of the divisor', () => {
    for (let c = 8; c <= 512; c += 4) {
      for (const w of [0.25, 0.35, 0.5, 0.75, 1, 1.1, 1.2, Math.SQRT2, 1.6, 2, 3.3]) {
        const r = roundFilters(c, w);
        expect(r % 8).toBe(0);
        expect(r).toBeGreaterThanOrEqual(8);
        if (c * w >= 8) expect(r).toBeGreaterThanOrEqual(0.9 * c * w);
      }
    }
  });

  it('bumps up when nearest rounding would lose more than 10%', () => {
    // 12 → nearest multiple of 8 is 16 (round half up); 9.6 → 8 is 83% of exact → bumped to 16
    expect(roundFilters(12, 0.8)).toBe(16);
  });
});

describe('roundRepeats', () => {
  it('rounds up so a stage never vanishes', () => {
    expect(roundRepeats(1, 0.1)).toBe(1);
    expect(roundRepeats(3, 1.2)).toBe(4);
    expect(roundRepeats(4, 2)).toBe(8);
  });

  it('is not fooled by float noise (1.1 × 10 is 11, not 12)', () => {
    expect(roundRepeats(10, 1.1)).toBe(11);
    expect(roundRepeats(5, 1.4)).toBe(7);
  });
});

describe('roundResolution', () => {
  it('rounds to the nearest multiple of the divisor', () => {
    expect(roundResolution(224, 1.15)).toBe(256);
    expect(roundResolution(224, Math.SQRT2)).toBe(320);
    expect(roundResolution(32, Math.SQRT2, 8)).toBe(48);
    expect(roundResolution(224, 1.15, 4)).toBe(256);
    expect(roundResolution(224, 1.1, 1)).toBe(246);
  });
});
