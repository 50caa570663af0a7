/**
 * Tick values for a log axis at 1-2-5 steps per decade: Vega's own log ticks put a label at every integer
 * multiple, which collide on a narrow chart; a ladder of ×2 steps reads best with 1, 2, 5 marks.
 */

/** Ticks within [min, max]: 1-2-5, or 1-2-3-5 / every multiple when the range spans too little for 1-2-5. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min)) return [];
  const pick = (mantissas: number[]) => {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
      for (const m of mantissas) {
        const v = Number((m * 10 ** e).toPrecision(12));
        if (v >= min && v <= max) out.push(v);
      }
    }
    return out;
  };
  const coarse = pick([1, 2, 5]);
  if (coarse.length >= 5) return coarse;
  const medium = pick([1, 2, 3, 5]);
  return medium.length >= 4 ? medium : pick([1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9]);
}

/**
 * A log-scale domain padded by `factor` on the left and `rightFactor` on the right, so end points do not sit
 * on the frame and labels right of the last points stay inside the panel.
 */
export function paddedLogDomain(values: readonly number[], factor = 1.25, rightFactor = factor): [number, number] {
  const pos = values.filter((v) => v > 0);
  if (pos.length === 0) return [1, 10];
  return [Math.min(...pos) / factor, Math.max(...pos) * rightFactor];
}
