/**
 * Pieces of the nonparametric bootstrap shared by the sensitivity estimators: resampled row indices and the
 * percentile interval (Efron & Tibshirani 1993, An Introduction to the Bootstrap, ch. 13).
 *
 * Cost: O(n) per resample; O(R log R) per interval of R resamples.
 */
import type { Rng } from '../random/index.js';
import { quantileSorted } from '../stats/index.js';

/** An estimate with its two-sided interval. */
export interface Estimate {
  readonly estimate: number;
  readonly ciLow: number;
  readonly ciHigh: number;
}

/** Default number of bootstrap resamples: enough for 2.5%/97.5% percentiles to settle to about ±0.01·width. */
export const DEFAULT_RESAMPLES = 1000;

/**
 * Fill `out` with n indices drawn uniformly with replacement from [0, n).
 * @example
 * resampleInto(rng, new Int32Array(5)); // e.g. [3, 0, 3, 1, 4]
 */
export function resampleInto(rng: Rng, out: Int32Array): Int32Array {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = Math.floor(rng.next() * n);
  return out;
}

/**
 * Percentile interval of bootstrap replicates at two-sided `level` (sorts `replicates` in place).
 * @example
 * percentileInterval(Float64Array.from([3, 1, 2, 5, 4]), 0.5); // [2, 4]
 */
export function percentileInterval(replicates: Float64Array, level: number): [number, number] {
  if (!(level > 0 && level < 1)) throw new Error(`percentileInterval: level must be in (0, 1), got ${level}`);
  if (replicates.length === 0) throw new Error('percentileInterval: no replicates');
  replicates.sort();
  const tail = (1 - level) / 2;
  const sorted = replicates as unknown as number[]; // quantileSorted only indexes, a typed array serves
  return [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)];
}
