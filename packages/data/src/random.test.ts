import { deriveSeed, mulberry32, permutation } from './random';

describe('seeded randomness', () => {
  it('mulberry32 repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    // Roughly uniform: the mean of 1000 draws is within ~5 standard errors of 1/2.
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.05);
  });

  it('permutation is a permutation, fixed per seed and different across seeds', () => {
    const p = permutation(500, 7);
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(permutation(500, 7)).toEqual(p);
    expect(permutation(500, 8)).not.toEqual(p);
  });

  it('derived streams differ from each other and from the base seed', () => {
    const seeds = new Set([deriveSeed(1, 0), deriveSeed(1, 1), deriveSeed(2, 0), 1]);
    expect(seeds.size).toBe(4);
    expect(deriveSeed(1, 1)).toBe(deriveSeed(1, 1));
  });
});
