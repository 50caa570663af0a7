/**
 * Point labels in the style of EfficientNet Fig. 8 annotations: which knob a strategy turned and by how much
 * ('d×2', 'w×1.41', 'r×1.41 (48px)', 'φ=1'). Rows store the resolution reached in pixels, so the resolution
 * multiplier shown is the one the FLOPs-matched ladder requested, √k (design.md "Scaling"), with the pixels.
 */

/** Multipliers to at most two decimals, trailing zeros dropped: 2, 1.41, 2.83. */
export function formatMultiplier(m: number): string {
  return String(Number(m.toFixed(2)));
}

export interface ScaledPoint {
  strategy: string;
  step: number;
  depth: number;
  width: number;
  resolution: number;
  phi: number | null;
}

export function scaleLabel(p: ScaledPoint): string {
  switch (p.strategy) {
    case 'depth':
      return `d×${formatMultiplier(p.depth)}`;
    case 'width':
      return `w×${formatMultiplier(p.width)}`;
    case 'resolution':
      return `r×${formatMultiplier(Math.sqrt(p.step))} (${p.resolution}px)`;
    case 'compound':
      return `φ=${formatMultiplier(p.phi ?? Math.log2(p.step))}`;
    default:
      // An unknown strategy: show every knob, since we cannot tell which one it turned.
      return `d×${formatMultiplier(p.depth)} w×${formatMultiplier(p.width)} ${p.resolution}px`;
  }
}
