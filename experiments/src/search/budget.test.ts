/**
 * Every preset a user can pass to `scaling-lab search --preset` has a budget: a missing one left the search
 * command without a candidate cap.
 */
import { PRESET_IDS } from '../catalogue/presets';
import { SEARCH_BUDGETS } from './budget';

describe('search budgets', () => {
  it.each(PRESET_IDS)('%s has a positive whole candidate cap', (id) => {
    const budget = SEARCH_BUDGETS[id];
    expect(budget).toBeDefined();
    expect(Number.isInteger(budget.maxCandidates) && budget.maxCandidates > 0).toBe(true);
  });
});
