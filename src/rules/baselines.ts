/**
 * The two baselines, side by side with the rules: a CART surrogate at the same depth as the rules' term length,
 * and the IMM threshold tree on segment centres. Their metrics come from applying their terms exactly as the
 * rules are applied.
 */
import type { PatientTable } from '../data/table.js';
import { matchTerms } from './apply.js';
import { immRules, segmentCentres } from './imm.js';
import { ruleMetrics } from './metrics.js';
import type { Split } from './split.js';
import type { BaselineRule, FitData, Term } from './types.js';

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
