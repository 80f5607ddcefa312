/**
 * The two baselines, side by side with the rules: a CART surrogate at the same depth as the rules' term length,
 * and the IMM threshold tree on segment centres. Their metrics come from applying their terms exactly as the
 * rules are applied.
 */
import type { PatientTable } from '../data/table.js';
import { matchTerms } from './apply.js';
import type { NumericSplit } from './cart.js';
import { cartRule, readableCuts, sortColumns } from './cart.js';
import type { FeatureView } from './features.js';
import type { FitData } from './fit.js';
import { immRules, segmentCentres } from './imm.js';
import { ruleMetrics } from './metrics.js';
import type { Split } from './split.js';
import type { BaselineRule, Term } from './types.js';

export interface Baselines {
  readonly cart: readonly BaselineRule[];
  /** Null when there are no centres. */
  readonly imm: readonly BaselineRule[] | null;
}

function assess(method: 'cart' | 'imm', terms: Term[], table: PatientTable, codes: Int32Array, s: number, split: Split, names: readonly string[]): BaselineRule {
  const match = matchTerms(terms, table);
  return {
    method,
    terms,
    metrics: {
      train: ruleMetrics(match, codes, s, split.fit, names),
      holdout: split.holdout.length ? ruleMetrics(match, codes, s, split.holdout, names) : null,
    },
  };
}

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
export function cartSurrogates(table: PatientTable, features: readonly FeatureView[], codes: Int32Array, nSegments: number, fitRows: Int32Array, weight: Float64Array, depth: number): CartSurrogates {
  const sorted = sortColumns(table, features, fitRows);
  const positive = new Uint8Array(codes.length);
  const splits: NumericSplit[] = [];
  const terms = Array.from({ length: nSegments }, (_, s) => {
    for (let i = 0; i < codes.length; i++) positive[i] = codes[i] === s ? 1 : 0;
    return cartRule(table, features, sorted, fitRows, weight, positive, depth, splits);
  });
  return { terms, cuts: readableCuts(splits, features, sorted) };
}

/**
 * Assess both baselines for every segment: the CART surrogate (already grown) and the IMM tree.
 * Cost: O(segments × n × conditions) + IMM.
 */
export function baselines(table: PatientTable, data: FitData, split: Split, names: readonly string[], cartTerms: readonly Term[][], centroids: Readonly<Record<string, Readonly<Record<string, number>>>> | undefined, warnings: string[]): Baselines {
  const { features, codes } = data;
  const cart = names.map((_, s) => assess('cart', cartTerms[s]!, table, codes, s, split, names));
  if (centroids) {
    const unknown = Object.keys(centroids).filter((s) => !names.includes(s));
    if (unknown.length) warnings.push(`centroids given for unknown segments (${unknown.join(', ')}); ignored`);
  }
  const centres = segmentCentres(table, features, split.fit, codes, names, centroids);
  const imm = immRules(features, centres, split.fit, codes, names.length);
  imm.forEach((t, s) => { if (!t.length) warnings.push(`IMM: segment ${names[s]} could not be separated by a threshold tree`); });
  return { cart, imm: imm.map((terms, s) => assess('imm', terms, table, codes, s, split, names)) };
}
