/**
 * The smallest input size a backbone accepts: half its total stride. 'same' padding rounds every strided map up,
 * so down to there only the last stride-2 layer runs on a one-pixel map; below it, whole stages would.
 */
export function minimumResolution(backbone: { readonly totalStride: number }): number {
  return Math.max(1, Math.floor(backbone.totalStride / 2));
}
