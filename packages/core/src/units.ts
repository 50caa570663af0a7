/** Human-readable counts: 4.09G multiply-adds, 25.6M params. */
export function formatCount(n: number, digits = 3): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [scale, suffix] of units) {
    if (Math.abs(n) >= scale) return `${Number((n / scale).toPrecision(digits))}${suffix}`;
  }
  return String(n);
}

/** 25557032 -> "25,557,032". */
export function formatInteger(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
