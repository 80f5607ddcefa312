/**
 * The IMM baseline, side by side with the rules: the threshold tree on segment centres. Its metrics come from
 * applying its terms exactly as the rules are applied. (CART is not a baseline but one of the two learners the
 * rules come from; see compare.ts.)
 */
import type { PatientTable } from '../data/table.js';
import { matchTerms } from './apply.js';
import { immRules, segmentCentres } from './imm.js';
import { splitMetrics } from './metrics.js';
import type { Split } from './split.js';
import type { BaselineRule, FitData } from './types.js';

export type Centroids = Readonly<Record<string, Readonly<Record<string, number>>>>;

/**
 * The IMM tree's rule for every segment, assessed on the fit and held-out rows.
 * Cost: O(segments × n × conditions) + IMM.
 * @example
 * const imm = immBaselines(table, data, split, names, undefined, warnings);
 */
export function immBaselines(
  table: PatientTable, data: FitData, split: Split, names: readonly string[], centroids: Centroids | undefined,
  warnings: string[],
): BaselineRule[] {
  const { features, codes } = data;
  if (centroids) {
    const unknown = Object.keys(centroids).filter((s) => !names.includes(s));
    if (unknown.length) warnings.push(`centroids given for unknown segments (${unknown.join(', ')}); ignored`);
  }
  const centres = segmentCentres(table, features, split.fit, codes, names, centroids);
  const imm = immRules(features, centres, split.fit, codes, names.length);
  imm.forEach((t, s) => { if (!t.length) warnings.push(`IMM: segment ${names[s]} could not be separated by a threshold tree`); });
  return imm.map((terms, s) => ({ method: 'imm', terms, metrics: splitMetrics(matchTerms(terms, table), codes, s, split, names) }));
}
