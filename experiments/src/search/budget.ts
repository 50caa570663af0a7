/**
 * How much of the coefficient grid each preset trains. Every candidate is one run at a real ×2 (twice the
 * baseline's FLOPs) with the preset's training settings, so the candidate cap sets the search's cost:
 * smoke checks the pipeline in seconds; on quick and standard each candidate costs one ×2 point of a ladder.
 */
import type { PresetId } from '../catalogue/presets';

export interface SearchBudget {
  /** Grid step the preset forces (a coarse grid keeps the smoke search tiny), or none. */
  readonly forcedStep?: number;
  /** Candidates trained besides the paper's: the best matched on real FLOPs ratio. */
  readonly maxCandidates: number;
}

/** The paper's grid search used small steps around its chosen point; 0.05 resolves 1.15 and 1.2 alike. */
export const DEFAULT_GRID_STEP = 0.05;
export const DEFAULT_TOLERANCE = 0.1;

export const SEARCH_BUDGETS: Readonly<Record<PresetId, SearchBudget>> = {
  smoke: { forcedStep: 0.1, maxCandidates: 2 },
  quick: { maxCandidates: 8 },
  standard: { maxCandidates: 8 },
  paper: { maxCandidates: 8 },
};
