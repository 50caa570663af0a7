import { scaleLabel } from './scale-label';

describe('scaleLabel', () => {
  // A quarter-width, 32 px baseline: the ×2 width point is 0.25 × √2 ≈ 0.35 wide and the ×2 resolution point
  // is 36 px, yet both turned their knob by √2 and must read alike.
  const quarter = { depth: 1, resolution: 32, phi: null, step: 2 };

  it('shows the knob the ladder requested relative to the baseline, not the absolute multiplier', () => {
    expect(scaleLabel({ ...quarter, strategy: 'width', width: 0.25 * Math.SQRT2, requested: Math.SQRT2 })).toBe(
      'w×1.41',
    );
    expect(scaleLabel({ ...quarter, strategy: 'resolution', width: 0.25, resolution: 44, requested: Math.SQRT2 })).toBe(
      'r×1.41 (44px)',
    );
    expect(scaleLabel({ ...quarter, strategy: 'depth', width: 0.25, depth: 2, requested: 2 })).toBe('d×2');
    expect(scaleLabel({ ...quarter, strategy: 'compound', width: 0.275, phi: 1, requested: 1 })).toBe('φ=1');
  });

  it('shows a solved knob as stored, even when it differs from the nominal √k', () => {
    expect(scaleLabel({ ...quarter, strategy: 'width', width: 0.25 * 1.52, requested: 1.52 })).toBe('w×1.52');
  });
});
