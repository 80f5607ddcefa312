/**
 * Across replications: mean and 95% CI per policy and metric, and paired differences (same random numbers)
 * against `clinic_only` and against the best of today's heuristics (most home transfusions on average).
 * With antithetic variates, replications 2m and 2m+1 are one pair: averaged before the interval (n = pairs).
 * Every policy metric is a count, hours, a share or a cost: its interval's lower bound is clamped at 0 (the
 * paired differences can be negative and are not clamped).
 *
 * Cost: O(policies · metrics · replications).
 */
import { meanCi } from '../stats/index.js';
import type { MeanCi } from '../stats/index.js';
import type { SimPolicyName } from '../scenario/sections/simulation.js';
import { HEURISTIC_POLICIES } from './policies/index.js';
import type { ReplicationResult } from './replication.js';

export interface PolicyMetricRow extends MeanCi {
  readonly policy: SimPolicyName;
  readonly metric: string;
}

export interface DifferenceRow extends MeanCi {
  readonly policy: SimPolicyName;
  /** The policy subtracted: `clinic_only` or the best heuristic. */
  readonly versus: SimPolicyName;
  readonly comparison: 'vs_clinic_only' | 'vs_best_heuristic';
  readonly metric: string;
}

/** How replications relate: antithetic pairs (2m, 2m+1) are averaged before the interval. */
export interface Pairing { readonly antitheticPairs?: boolean }

/** Metric used to pick the best heuristic. */
export const BEST_HEURISTIC_METRIC = 'home_transfusions';

function values(reps: readonly ReplicationResult[], policy: number, metric: number): Float64Array {
  return Float64Array.from(reps, (r) => r.runs[policy]!.metrics[metric]!);
}

/** Per policy and metric: mean and 95% CI (lower bound ≥ 0), antithetic pairs averaged first. */
export function summarizePolicies(reps: readonly ReplicationResult[], policies: readonly SimPolicyName[], metrics: readonly string[], pairing: Pairing = {}): PolicyMetricRow[] {
  const rows: PolicyMetricRow[] = [];
  const opts = { nonNegative: true, antitheticPairs: pairing.antitheticPairs ?? false };
  policies.forEach((policy, p) => metrics.forEach((metric, m) => rows.push({ policy, metric, ...meanCi(values(reps, p, m), opts) })));
  return rows;
}

/** The heuristic with the highest mean {@link BEST_HEURISTIC_METRIC}, or undefined when none was run. */
export function bestHeuristic(rows: readonly PolicyMetricRow[]): SimPolicyName | undefined {
  let best: PolicyMetricRow | undefined;
  for (const r of rows) {
    if (r.metric !== BEST_HEURISTIC_METRIC || !HEURISTIC_POLICIES.includes(r.policy)) continue;
    if (!best || r.mean > best.mean) best = r;
  }
  return best?.policy;
}

/** Paired differences (same random numbers) against clinic_only and the best heuristic, antithetic pairs averaged first. */
export function pairedDifferences(reps: readonly ReplicationResult[], policies: readonly SimPolicyName[], metrics: readonly string[], best: SimPolicyName | undefined, pairing: Pairing = {}): DifferenceRow[] {
  const antitheticPairs = pairing.antitheticPairs ?? false;
  const rows: DifferenceRow[] = [];
  const base = policies.indexOf('clinic_only');
  const bestIndex = best ? policies.indexOf(best) : -1;
  const compare = (p: number, against: number, comparison: DifferenceRow['comparison']): void => {
    metrics.forEach((metric, m) => {
      const d = Float64Array.from(reps, (r) => r.runs[p]!.metrics[m]! - r.runs[against]!.metrics[m]!);
      rows.push({ policy: policies[p]!, versus: policies[against]!, comparison, metric, ...meanCi(d, { antitheticPairs }) });
    });
  };
  policies.forEach((_, p) => {
    if (base >= 0 && p !== base) compare(p, base, 'vs_clinic_only');
    if (bestIndex >= 0 && p !== bestIndex && p !== base) compare(p, bestIndex, 'vs_best_heuristic');
  });
  return rows;
}
