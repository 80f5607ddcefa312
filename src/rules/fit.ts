/**
 * Fitting every segment's rule on one set of weighted rows: used once on the fit split and again on each
 * bootstrap resample.
 */
import type { SearchContext } from './beam.js';
import type { BinCondition } from './condition.js';
import { rowMatches } from './condition.js';
import type { FeatureView } from './features.js';
import { induceRule } from './induce.js';
import type { RulesSettings } from '../scenario/sections/rules.js';

export type BinRule = readonly (readonly BinCondition[])[];

/** What stays fixed across refits: the binned columns and the labels. */
export interface FitData {
  readonly features: readonly FeatureView[];
  readonly usable: readonly number[];
  /** Segment code per table row. */
  readonly codes: Int32Array;
  readonly nSegments: number;
  /** 1 for segments that get no rule (too small). */
  readonly skip?: Uint8Array;
}

/**
 * One rule per segment (one-vs-rest) over `rows` with per-row `weight` (indexed by table row).
 * Cost: segments × O(induceRule).
 */
export function fitSegments(data: FitData, rows: Int32Array, weight: Float64Array, settings: RulesSettings): BinRule[] {
  const out: BinRule[] = [];
  const positive = new Uint8Array(data.codes.length);
  for (let s = 0; s < data.nSegments; s++) {
    let total = 0;
    for (let i = 0; i < data.codes.length; i++) positive[i] = data.codes[i] === s ? 1 : 0;
    for (const r of rows) if (positive[r]) total += weight[r]!;
    if (total <= 0 || data.skip?.[s]) { out.push([]); continue; }
    const ctx: SearchContext = {
      features: data.features,
      usable: data.usable,
      weight,
      positive,
      totalPositive: total,
      beta: settings.beta,
      penalty: settings.condition_penalty,
      maxConditions: settings.max_conditions,
      beamWidth: settings.beam_width,
    };
    out.push(induceRule(ctx, rows, { maxTerms: settings.max_terms, minTermGain: settings.min_term_gain }));
  }
  return out;
}

/** Match flags over all table rows for a binned rule. O(n × conditions). */
export function binRuleMatches(rule: BinRule, features: readonly FeatureView[], n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    for (const t of rule) if (rowMatches(t, features, r)) { out[r] = 1; break; }
  }
  return out;
}
