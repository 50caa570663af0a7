/**
 * The rounding rules scaling applies. They live in @scaling-lab/core beside `RoundingPolicy`, because builders
 * round with the same rules (expanded and squeeze-excite widths); re-exported here for scaling's users.
 */
export { roundFilters, roundRepeats, roundResolution } from '@scaling-lab/core';
