/**
 * One fixed colour per strategy, so a strategy looks the same in every experiment's chart. Colours are
 * Vega's default "tableau10" scheme in order; strategies beyond the four known ones take the next colours.
 */
import { STRATEGY_ORDER, compareStrategies } from '../result-row';

// Vega's "tableau10" categorical scheme (vega-scale schemes), first eight entries.
const TABLEAU10 = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#eeca3b', '#b279a2', '#ff9da6'];

export interface ColorScale {
  domain: string[];
  range: string[];
}

/** Colour scale for the strategies present (known ones keep their slot even when others are absent). */
export function strategyColors(strategies: Iterable<string>): ColorScale {
  const domain = [...new Set(strategies)].sort(compareStrategies);
  const extras = domain.filter((s) => !STRATEGY_ORDER.includes(s));
  const range = domain.map((s) => {
    const known = STRATEGY_ORDER.indexOf(s);
    const slot = known >= 0 ? known : STRATEGY_ORDER.length + extras.indexOf(s);
    return TABLEAU10[slot % TABLEAU10.length];
  });
  return { domain, range };
}
