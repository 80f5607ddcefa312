/**
 * The nested analysis (nested.ts) over every policy and measure of an input-uncertainty run
 * (src/sim/inputUncertainty.ts), and the per-outer-replication means the recommendation rule decides on when
 * the inputs are uncertain (one sample per input draw: its interval then carries both sources of doubt).
 *
 * Cost: O(outer · replications · policies · measures).
 */
import type { PolicySamples } from './constraints.js';
import type { NestedVariance } from './nested.js';
import { nestedVariance } from './nested.js';
import type { ReplicationMeasures } from './policyChoice.js';
import { policySamples } from './policyChoice.js';

/** One outer replication's simulation, as far as the analysis reads it. */
export interface OuterResult {
  readonly result: {
    readonly policies: readonly string[];
    readonly metrics: readonly string[];
    readonly replications: readonly ReplicationMeasures[];
  };
}

export interface UncertaintyRow extends NestedVariance {
  readonly policy: string;
  readonly metric: string;
}

/**
 * Noise and input variance, and both intervals, per policy and measure (antithetic pairs averaged first, so
 * `inner` counts pairs). Measures with a NaN anywhere (a ratio without denominator) come out NaN.
 * @example
 * uncertaintyRows(outer, { level: 0.95 }).find((r) => r.metric === 'home_transfusions')!.inputShare;
 */
export function uncertaintyRows(
  outer: readonly OuterResult[], opts: { level?: number; antitheticPairs?: boolean } = {},
): UncertaintyRow[] {
  const first = outer[0]?.result;
  if (!first) return [];
  const { policies, metrics } = first;
  const perOuter = outer.map((o) => policySamples(o.result.replications, policies, metrics, metrics, opts));
  const inner = perOuter[0]![0]!.measures[metrics[0]!]!.length;
  const rows: UncertaintyRow[] = [];
  policies.forEach((policy, p) => {
    for (const metric of metrics) {
      const values = new Float64Array(outer.length * inner);
      perOuter.forEach((s, o) => values.set(s[p]!.measures[metric]! as Float64Array, o * inner));
      rows.push({ policy, metric, ...nestedVariance(values, outer.length, inner, opts.level) });
    }
  });
  return rows;
}

/**
 * Per policy, each outer replication's mean of every `wanted` measure (NaN values skipped within an outer).
 * @example
 * recommendPolicy(outerMeanSamples(outer, decideMeasures(scenario.decide)), scenario.decide);
 */
export function outerMeanSamples(
  outer: readonly OuterResult[], wanted: readonly string[], opts: { antitheticPairs?: boolean } = {},
): PolicySamples[] {
  const first = outer[0]?.result;
  if (!first) return [];
  const perOuter = outer.map((o) => policySamples(o.result.replications, first.policies, first.metrics, wanted, opts));
  return first.policies.map((name, p) => ({
    name,
    measures: Object.fromEntries(
      wanted.map((m) => [m, Float64Array.from(perOuter, (s) => finiteMean(s[p]!.measures[m]!))]),
    ),
  }));
}

function finiteMean(x: ArrayLike<number>): number {
  let s = 0, k = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!)) { s += x[i]!; k++; }
  return k > 0 ? s / k : Number.NaN;
}
