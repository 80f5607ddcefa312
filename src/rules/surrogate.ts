/**
 * The CART surrogate of every segment (one-vs-rest Gini tree at depth `max_conditions`, exact midpoint
 * thresholds; see cart.ts), and the readable equivalents of its numeric splits, which join the rule search's
 * threshold grid.
 *
 * Cost: O(columns × n log n) for the sort + O(segments × depth × columns × n).
 */
import type { PatientTable } from '../data/table.js';
import type { NumericSplit } from './cart.js';
import { cartRule, readableCuts, sortColumns } from './cart.js';
import type { FeatureView } from './features.js';
import type { Term } from './types.js';

/** The CART surrogate per segment, fit once: its rules (exact midpoint thresholds) and the readable cuts they imply. */
export interface CartSurrogates {
  readonly terms: readonly Term[][];
  /** Column → readable equivalents of every numeric split of every tree (for the rule search's grid). */
  readonly cuts: Map<string, number[]>;
}

/**
 * Grow the one-vs-rest CART surrogate of every segment at depth `max_conditions` on the fit rows.
 * `features` need only names, kinds and levels (the grid is not used). Cost: O(columns × n log n + segments ×
 * depth × columns × n).
 */
export function cartSurrogates(
  table: PatientTable, features: readonly FeatureView[], codes: Int32Array, nSegments: number,
  fitRows: Int32Array, weight: Float64Array, depth: number,
): CartSurrogates {
  const sorted = sortColumns(table, features, fitRows);
  const positive = new Uint8Array(codes.length);
  const splits: NumericSplit[] = [];
  const terms = Array.from({ length: nSegments }, (_, s) => {
    for (let i = 0; i < codes.length; i++) positive[i] = codes[i] === s ? 1 : 0;
    return cartRule(table, features, sorted, fitRows, weight, positive, depth, splits);
  });
  return { terms, cuts: readableCuts(splits, features, sorted) };
}
