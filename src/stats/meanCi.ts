/**
 * Replication statistics: mean with a Student-t confidence interval, for independent replications, for paired
 * differences under common random numbers, and for antithetic pairs (each pair averaged first: its two runs
 * are negatively correlated by design, so they are one observation, not two — Law, Simulation Modeling and
 * Analysis, §11.4). Means and variances come from simple-statistics (compensated sum).
 *
 * Cost: O(n) per summary plus one {@link tQuantile} (cached).
 */
import { mean as ssMean, sampleVariance } from 'simple-statistics';
import { tQuantile } from './tQuantile.js';

export interface MeanCi {
  readonly mean: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Sample standard deviation across the observations (NaN for n < 2). */
  readonly sd: number;
  /** Observations: replications, or antithetic pairs when paired. */
  readonly n: number;
}

export interface MeanCiOptions {
  /** Two-sided confidence level (default 0.95). */
  readonly level?: number;
  /**
   * The measure cannot be negative (a count, an hours total, a share): the lower bound is clamped at 0. The
   * t interval is symmetric and can reach below 0 when replications vary a lot; a negative count is not a
   * possible value, so the bound says 0 instead (the interval then covers at least its nominal level).
   */
  readonly nonNegative?: boolean;
  /**
   * Observations 2m and 2m+1 are an antithetic pair: they are averaged first and the interval is over the
   * pair means (n = pairs). Needs an even count of values; NaN in either run drops the pair.
   */
  readonly antitheticPairs?: boolean;
}

/**
 * Average each antithetic pair (values 2m and 2m+1); a pair with a NaN gives NaN. O(n).
 * @example pairMeans([1, 3, 10, 20]); // Float64Array [2, 15]
 */
export function pairMeans(values: ArrayLike<number>): Float64Array {
  if (values.length % 2 !== 0) throw new Error(`pairMeans: antithetic pairs need an even count, got ${values.length}`);
  return Float64Array.from({ length: values.length / 2 }, (_, m) => (values[2 * m]! + values[2 * m + 1]!) / 2);
}

/**
 * Mean and two-sided confidence interval (default 95%) over observations. NaN values are skipped; with fewer
 * than two the interval collapses to the mean.
 * @example meanCi([1, 2, 3]).ciHigh; // 2 + 4.303·(1/√3)
 * @example meanCi([0, 0, 9], { nonNegative: true }).ciLow; // 0, not −8.2
 */
export function meanCi(values: ArrayLike<number>, opts: MeanCiOptions = {}): MeanCi {
  const source = opts.antitheticPairs ? pairMeans(values) : values;
  const xs: number[] = [];
  for (let i = 0; i < source.length; i++) if (!Number.isNaN(source[i]!)) xs.push(source[i]!);
  const n = xs.length;
  if (n === 0) return { mean: Number.NaN, ciLow: Number.NaN, ciHigh: Number.NaN, sd: Number.NaN, n: 0 };
  const mean = ssMean(xs);
  if (n < 2) return { mean, ciLow: mean, ciHigh: mean, sd: Number.NaN, n };
  const sd = Math.sqrt(sampleVariance(xs));
  const level = opts.level ?? 0.95;
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  const low = mean - half;
  return { mean, ciLow: opts.nonNegative ? Math.max(0, low) : low, ciHigh: mean + half, sd, n };
}
