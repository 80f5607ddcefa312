/**
 * Two sources of doubt, told apart: a two-level nested design — O outer replications, each a draw of the
 * uncertain inputs (resampled patients, uncertain rates), and n inner replications of the simulator on each —
 * analysed as the balanced one-way random-effects model Y_oi = μ + A_o + e_oi, A_o ~ (0, σ²_input),
 * e_oi ~ (0, σ²_noise) (Searle, Casella & McCulloch 1992, Variance Components, §3.5–3.6; used for input
 * uncertainty by Ankenman & Nelson 2012, "A quick assessment of input uncertainty", Proc. Winter Simulation
 * Conference):
 *   MSW = Σ_o Σ_i (y_oi − ȳ_o)² / (O(n − 1))       estimates σ²_noise (simulation noise per replication)
 *   MSB = n Σ_o (ȳ_o − ȳ)² / (O − 1)              estimates n·σ²_input + σ²_noise
 *   σ²_input = max(0, (MSB − MSW) / n)             (ANOVA estimator, truncated at 0)
 * The combined interval for μ is ȳ ± t(O − 1) · √(MSB / (O·n)): Var(ȳ) = (n·σ²_input + σ²_noise)/(O·n) and
 * MSB/(n·σ²_input + σ²_noise) ~ χ²(O − 1)/(O − 1) under normality, so it is exact then. The noise-only interval
 * ȳ ± t(O(n − 1)) · √(MSW / (O·n)) is what replications alone would claim.
 *
 * Cost: O(O·n).
 */
import { tQuantile } from '../stats/index.js';
import type { Estimate } from './bootstrap.js';

/** The decomposition of one measure. */
export interface NestedVariance {
  readonly outer: number;
  readonly inner: number;
  readonly mean: number;
  /** σ²_noise: variance of one inner replication around its outer replication's mean. */
  readonly noiseVariance: number;
  /** σ²_input: variance of the true mean across input draws (≥ 0). */
  readonly inputVariance: number;
  /** σ²_input / (σ²_input + σ²_noise): the share of one run's doubt that is data, not noise (NaN when both 0). */
  readonly inputShare: number;
  /** Interval for μ from the between-outer spread: both sources. */
  readonly combined: Estimate;
  /** Interval for μ from the within-outer spread only: simulation noise as if the inputs were known. */
  readonly noiseOnly: Estimate;
}

/**
 * Decompose `values` laid out outer-major (`values[o·inner + i]`); NaN values make every output NaN.
 * @example
 * nestedVariance([1, 2, 3, 4, 5, 6], 2, 3).inputVariance; // (13.5 − 1) / 3 ≈ 4.167
 */
export function nestedVariance(values: ArrayLike<number>, outer: number, inner: number, level = 0.95): NestedVariance {
  const fail = (what: string): never => { throw new Error(`nestedVariance: ${what}`); };
  if (!(Number.isInteger(outer) && outer >= 2)) fail(`outer must be an integer ≥ 2, got ${outer}`);
  if (!(Number.isInteger(inner) && inner >= 2)) fail(`inner must be an integer ≥ 2, got ${inner}`);
  if (values.length !== outer * inner) fail(`expected ${outer * inner} values, got ${values.length}`);
  if (!(level > 0 && level < 1)) throw new Error(`nestedVariance: level must be in (0, 1), got ${level}`);
  const means = new Float64Array(outer);
  let grand = 0;
  for (let o = 0; o < outer; o++) {
    let s = 0;
    for (let i = 0; i < inner; i++) s += values[o * inner + i]!;
    means[o] = s / inner;
    grand += s;
  }
  grand /= outer * inner;
  let ssw = 0, ssb = 0;
  for (let o = 0; o < outer; o++) {
    ssb += (means[o]! - grand) ** 2;
    for (let i = 0; i < inner; i++) ssw += (values[o * inner + i]! - means[o]!) ** 2;
  }
  const msw = ssw / (outer * (inner - 1));
  const msb = (inner * ssb) / (outer - 1);
  const inputVariance = Math.max(0, (msb - msw) / inner);
  const total = inputVariance + msw;
  const interval = (ms: number, df: number): Estimate => {
    const half = tQuantile(1 - (1 - level) / 2, df) * Math.sqrt(ms / (outer * inner));
    return { estimate: grand, ciLow: grand - half, ciHigh: grand + half };
  };
  return {
    outer, inner, mean: grand, noiseVariance: msw, inputVariance,
    inputShare: total > 0 ? inputVariance / total : Number.NaN,
    combined: interval(msb, outer - 1),
    noiseOnly: interval(msw, outer * (inner - 1)),
  };
}
