/**
 * Conditions during the search: a mask over one column's bins, plus the bin range [lo, hi) for ordered columns.
 * Converted to the document's `{feature, op, value}` form at the end.
 */
import type { FeatureView } from './features.js';
import type { BinCondition, Condition, Term } from './types.js';

/** The condition `lo ≤ bin < hi` on an ordered (numeric or binary) column. */
export function rangeCondition(f: number, feature: FeatureView, lo: number, hi: number): BinCondition {
  const mask = new Uint8Array(feature.nBins);
  for (let b = lo; b < hi; b++) mask[b] = 1;
  return { f, mask, lo, hi, key: `${f}:${lo}:${hi}` };
}

/** The condition `level ∈ set` on a categorical column. */
export function levelCondition(f: number, feature: FeatureView, levels: readonly number[]): BinCondition {
  const mask = new Uint8Array(feature.nBins);
  for (const l of levels) mask[l] = 1;
  const sorted = [...levels].sort((a, b) => a - b);
  return { f, mask, lo: -1, hi: -1, key: `${f}:in:${sorted.join(',')}` };
}

/** Canonical key of a conjunction (order-free). */
export function termKey(term: readonly BinCondition[]): string {
  return term.map((c) => c.key).sort().join('&');
}

/** 1 when table row `r` satisfies every condition. */
export function rowMatches(term: readonly BinCondition[], features: readonly FeatureView[], r: number): boolean {
  for (const c of term) if (!c.mask[features[c.f]!.bins[r]!]) return false;
  return true;
}

/** 1 when table row `r` satisfies some term of a rule (an OR of terms). */
export function ruleMatches(terms: readonly (readonly BinCondition[])[], features: readonly FeatureView[], r: number): boolean {
  for (const t of terms) if (rowMatches(t, features, r)) return true;
  return false;
}

/** Document form: an interval becomes a `>=` and a `<`; binary ranges become `== 0|1`. */
export function toConditions(c: BinCondition, features: readonly FeatureView[]): Condition[] {
  const feature = features[c.f]!;
  const name = feature.name;
  if (feature.kind === 'categorical') {
    const levels = feature.levels.filter((_, k) => c.mask[k] === 1);
    return [{ feature: name, op: 'in', value: levels }];
  }
  if (feature.kind === 'binary') return [{ feature: name, op: '==', value: c.lo === 0 ? 0 : 1 }];
  const m = feature.thresholds.length;
  const out: Condition[] = [];
  if (c.lo > 0) out.push({ feature: name, op: '>=', value: feature.thresholds[c.lo - 1]! });
  if (c.hi < m + 1) out.push({ feature: name, op: '<', value: feature.thresholds[c.hi - 1]! });
  return out;
}

/** A conjunction in document form, conditions ordered as found. */
export function toTerm(term: readonly BinCondition[], features: readonly FeatureView[]): Term {
  return term.flatMap((c) => toConditions(c, features));
}
