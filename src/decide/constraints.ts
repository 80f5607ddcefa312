/**
 * Constraints a recommendation must respect, each judged by an interval, not a mean:
 * - `non_inferior`: on a safety measure a policy may be worse than a reference policy by at most `margin`.
 *   The paired differences under common random numbers (replication r of both policies) give a two-sided
 *   interval at the stated confidence; the policy passes when the interval's worse end is within the margin
 *   (the CONSORT rule for non-inferiority: Piaggio et al. 2012, JAMA 308(24), 2594–2604, Figure 1).
 * - `at_most` / `at_least`: the measure's mean must stay below / above a threshold (e.g. cost per
 *   transfusion ≤ X); the policy passes when the whole interval does.
 * Every check reports its slack: how far inside (> 0) or outside (< 0) the limit the deciding end lies.
 *
 * Cost: O(n) per check for n replications.
 */
import type { Estimate } from './bootstrap.js';
import { meanCi } from '../stats/index.js';

/** A limit a policy must satisfy. */
export type Constraint =
  | {
    readonly kind: 'non_inferior';
    readonly measure: string;
    /** Policy compared with (e.g. today's practice). */
    readonly reference: string;
    /** Largest acceptable worsening, in the measure's units (≥ 0). */
    readonly margin: number;
    /** Which way is better on this measure. */
    readonly better: 'higher' | 'lower';
  }
  | { readonly kind: 'at_most' | 'at_least'; readonly measure: string; readonly value: number };

/** Per-replication values of every measure for one policy (index = replication, shared across policies). */
export interface PolicySamples {
  readonly name: string;
  readonly measures: Readonly<Record<string, ArrayLike<number>>>;
}

/** One policy against one constraint. */
export interface ConstraintCheck {
  readonly policy: string;
  readonly constraint: Constraint;
  /** Human label, e.g. `patient_days_below_floor within 2 of current`. */
  readonly label: string;
  readonly passed: boolean;
  /** The interval judged: the paired worsening for `non_inferior`, the mean otherwise. */
  readonly interval: Estimate;
  /** Distance of the deciding end from the limit; negative = failed by that much. */
  readonly slack: number;
}

/**
 * Judge `policy` against `constraint` at two-sided `confidence`.
 * @example
 * checkConstraint(b, { kind: 'at_most', measure: 'cost_per_transfusion', value: 600 }, policies, 0.95);
 * // { passed: true, slack: 600 − upper end of b's cost interval, … }
 */
export function checkConstraint(
  policy: PolicySamples, constraint: Constraint, policies: readonly PolicySamples[], confidence: number,
): ConstraintCheck {
  const own = samples(policy, constraint.measure);
  if (constraint.kind === 'non_inferior') {
    const ref = policies.find((p) => p.name === constraint.reference);
    if (!ref) throw new Error(`checkConstraint: no reference policy "${constraint.reference}"`);
    const base = samples(ref, constraint.measure);
    const sign = constraint.better === 'lower' ? 1 : -1; // worsening > 0
    const worse = Float64Array.from(own, (v, r) => sign * (v - base[r]!));
    const ci = meanCi(worse, { level: confidence });
    const slack = constraint.margin - ci.ciHigh;
    const label = `${constraint.measure} no worse than ${constraint.reference} by more than ${constraint.margin}`;
    return { policy: policy.name, constraint, label, passed: slack >= 0, interval: est(ci), slack };
  }
  const ci = meanCi(own, { level: confidence });
  const slack = constraint.kind === 'at_most' ? constraint.value - ci.ciHigh : ci.ciLow - constraint.value;
  const label = `${constraint.measure} ${constraint.kind === 'at_most' ? '≤' : '≥'} ${constraint.value}`;
  return { policy: policy.name, constraint, label, passed: slack >= 0, interval: est(ci), slack };
}

/**
 * The values of `measure` for a policy; throws (misuse) when missing.
 * @example
 * samples(policy, 'home_transfusions'); // [412, 398, …]
 */
export function samples(policy: PolicySamples, measure: string): ArrayLike<number> {
  const v = policy.measures[measure];
  if (!v) throw new Error(`recommend: policy "${policy.name}" has no measure "${measure}"`);
  return v;
}

function est(ci: { mean: number; ciLow: number; ciHigh: number }): Estimate {
  return { estimate: ci.mean, ciLow: ci.ciLow, ciHigh: ci.ciHigh };
}
