/**
 * Point labels in the style of EfficientNet Fig. 8 annotations: which knob a strategy turned and by how much
 * ('d×2', 'w×1.41', 'r×1.5 (48px)', 'φ=1'). Depth, width and φ show the knob value the ladder requested for
 * the point, relative to the baseline, as stored in the row — never recomputed from the absolute multipliers
 * (a quarter-width baseline's w×√2 point is 0.35 wide, but reads w×1.41). Resolution shows the pixels
 * reached over the baseline's (√k when the baseline's size is unknown), since the built size is what counts.
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
  /** Input size of the ladder's baseline, when known: resolution labels then show the multiplier reached. */
  baseResolution?: number;
  /** The ladder's requested knob relative to the baseline; null when unknown. */
  requested: number | null;
}

export function scaleLabel(p: ScaledPoint): string {
  switch (p.strategy) {
    case 'depth':
      return `d×${formatMultiplier(p.requested ?? p.depth)}`;
    case 'width':
      return `w×${formatMultiplier(p.requested ?? p.width)}`;
    case 'resolution':
      // The solved ladder picks the size whose FLOPs land nearest k × baseline, not always √k.
      return `r×${formatMultiplier(p.baseResolution ? p.resolution / p.baseResolution : Math.sqrt(p.step))} (${p.resolution}px)`;
    case 'compound':
      return `φ=${formatMultiplier(p.requested ?? p.phi ?? Math.log2(p.step))}`;
    default:
      // An unknown strategy: show every knob, since we cannot tell which one it turned.
      return `d×${formatMultiplier(p.depth)} w×${formatMultiplier(p.width)} ${p.resolution}px`;
  }
}
