/**
 * Rule metrics from match flags and segment labels: support, recall, precision, F1, lift and the segments a rule
 * wrongly captures. Unweighted counts: what a referral desk would see.
 */
import type { Split } from './split.js';
import type { RuleMetrics } from './types.js';

/** Ratios in rules.json carry 6 decimals: enough to compare, stable across platforms. */
export const METRIC_DECIMALS = 6;

export function round6(x: number): number {
  const f = 10 ** METRIC_DECIMALS;
  return Math.round(x * f) / f;
}

/**
 * Metrics of `match` (1 per matched table row) for segment code `segment` over `rows`.
 * O(rows).
 * @example
 * ruleMetrics(match, codes, 0, holdoutRows, ['a', 'b']).f1;
 */
export function ruleMetrics(match: Uint8Array, codes: Int32Array, segment: number, rows: Int32Array, names: readonly string[]): RuleMetrics {
  const capturedBy = new Int32Array(names.length);
  let size = 0;
  let support = 0;
  let tp = 0;
  for (const r of rows) {
    const own = codes[r] === segment;
    if (own) size++;
    if (!match[r]) continue;
    support++;
    if (own) tp++;
    else capturedBy[codes[r]!]!++;
  }
  const fp = support - tp;
  const fn = size - tp;
  const recall = size ? tp / size : 0;
  const precision = support ? tp / support : 0;
  const f1 = tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
  const baseRate = rows.length ? size / rows.length : 0;
  const captured = names
    .map((s, k) => ({ segment: s, count: capturedBy[k]! }))
    .filter((x) => x.count > 0)
    .sort((a, b) => b.count - a.count || (a.segment < b.segment ? -1 : 1));
  return {
    patients: rows.length,
    segment_size: size,
    support,
    true_positives: tp,
    false_positives: fp,
    false_negatives: fn,
    recall: round6(recall),
    precision: round6(precision),
    f1: round6(f1),
    lift: round6(baseRate > 0 ? precision / baseRate : 0),
    captured_from: captured,
  };
}

/**
 * A rule's metrics on the fit rows and (when there are any) the held-out rows.
 * O(rows × conditions).
 * @example
 * splitMetrics(match, codes, 0, split, names).holdout?.f1;
 */
export function splitMetrics(
  match: Uint8Array, codes: Int32Array, segment: number, split: Split, names: readonly string[],
): { train: RuleMetrics; holdout: RuleMetrics | null } {
  return {
    train: ruleMetrics(match, codes, segment, split.fit, names),
    holdout: split.holdout.length ? ruleMetrics(match, codes, segment, split.holdout, names) : null,
  };
}
