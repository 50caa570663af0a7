/**
 * Point labels in the style of EfficientNet Fig. 8 annotations: which knob a strategy turned and by how much
 * ('d×2', 'w×1.41', 'r×1.5 (48px)', 'φ=1'). Rows store the resolution reached in pixels; the resolution
 * multiplier shown is those pixels over the baseline's (√k when the baseline's size is unknown).
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
}

export function scaleLabel(p: ScaledPoint): string {
  switch (p.strategy) {
    case 'depth':
      return `d×${formatMultiplier(p.depth)}`;
    case 'width':
      return `w×${formatMultiplier(p.width)}`;
    case 'resolution':
      // The solved ladder picks the size whose FLOPs land nearest k × baseline, not always √k.
      return `r×${formatMultiplier(p.baseResolution ? p.resolution / p.baseResolution : Math.sqrt(p.step))} (${p.resolution}px)`;
    case 'compound':
      return `φ=${formatMultiplier(p.phi ?? Math.log2(p.step))}`;
    default:
      // An unknown strategy: show every knob, since we cannot tell which one it turned.
      return `d×${formatMultiplier(p.depth)} w×${formatMultiplier(p.width)} ${p.resolution}px`;
  }
}
