/**
 * Evidence that a capacity factor is not monotone: more of it made the service measure worse. Two kinds:
 * the verdicts contradict (a level shown feasible below one shown infeasible), or, under common random
 * numbers, the paired differences between two levels (same replication indices) have an interval entirely on
 * the worse side of zero (paired-t, Law 2015 §10.2.2).
 *
 * Cost: O(v²·n) for v levels visited with n replications each.
 */
import type { LevelRecord } from './levelTest.js';
import { meanCi } from '../stats/index.js';

/** The pair of levels that contradicts monotonicity, and how. */
export interface NonMonotoneEvidence {
  readonly lower: number;
  readonly higher: number;
  readonly kind: 'verdicts' | 'paired_difference';
  /** Mean of (higher − lower) oriented so that positive is better, with its interval, over `pairs` indices. */
  readonly difference: PairedDifference;
}

/** A paired mean difference with its interval. */
export interface PairedDifference {
  readonly mean: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly pairs: number;
}

/**
 * First contradiction among the visited levels, or `null`. `highIsBetter` orients the measure; `alpha` is
 * the two-sided error of each paired interval; `below(a, b)` says level a has less of the factor(s) than b
 * (default a < b; for several factors, componentwise dominance of the combinations a and b index);
 * `tolerance` (≥ 0, default 0) is the worsening that still counts as flat: a paired difference is evidence
 * only when its whole interval lies below −tolerance (a plateau's CRN noise is not a contradiction).
 * @example
 * findNonMonotone([rec4Feasible, rec6Infeasible], true, 0.01); // { lower: 4, higher: 6, kind: 'verdicts', … }
 */
export function findNonMonotone(
  records: readonly LevelRecord[], highIsBetter: boolean, alpha: number,
  below: (a: number, b: number) => boolean = (a, b) => a < b, tolerance = 0,
): NonMonotoneEvidence | null {
  for (const lo of records) {
    for (const hi of records) {
      if (!below(lo.level, hi.level)) continue;
      const diff = pairedDifference(lo, hi, highIsBetter, alpha);
      const at = { lower: lo.level, higher: hi.level, difference: diff };
      if (lo.verdict === 'feasible' && hi.verdict === 'infeasible') return { ...at, kind: 'verdicts' };
      if (diff.pairs >= 2 && diff.ciHigh < -tolerance) return { ...at, kind: 'paired_difference' };
    }
  }
  return null;
}

function pairedDifference(lo: LevelRecord, hi: LevelRecord, highIsBetter: boolean, alpha: number): PairedDifference {
  const pairs = Math.min(lo.values.length, hi.values.length);
  const sign = highIsBetter ? 1 : -1;
  const d = new Float64Array(pairs);
  for (let r = 0; r < pairs; r++) d[r] = sign * (hi.values[r]! - lo.values[r]!);
  const ci = meanCi(d, { level: 1 - alpha });
  return { mean: ci.mean, ciLow: ci.ciLow, ciHigh: ci.ciHigh, pairs };
}
