/**
 * Quantiles and the median, over simple-statistics (R-7 / numpy "linear" quantiles, the proper median: the
 * mean of the two middle values for an even count). These wrappers only add what our callers need: typed
 * arrays, NaN skipped, NaN (not an exception) for an empty list, and equal infinities kept (R-7's
 * interpolation turns two +∞ middles into NaN).
 *
 * Cost: `quantileSorted` O(1); `median` O(n) expected (simple-statistics' quickselect on a copy).
 */
import { median as ssMedian, quantileSorted as ssQuantileSorted } from 'simple-statistics';

/**
 * Quantile by the R-7 rule (linear interpolation between order statistics) of values sorted ascending;
 * NaN when empty. O(1).
 * @example quantileSorted([1, 2, 3, 4], 0.25); // 1.75
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = sorted[Math.floor(h)]!, hi = sorted[Math.ceil(h)]!;
  if (lo === hi) return lo;
  return ssQuantileSorted(sorted as unknown as readonly number[], p);
}

/**
 * Median of the non-NaN values (±∞ allowed), NaN when there are none. O(n) expected.
 * @example median(Float64Array.of(4, NaN, 1, 3, 2)); // 2.5
 */
export function median(values: ArrayLike<number>): number {
  const xs: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) xs.push(values[i]!);
  if (xs.length === 0) return Number.NaN;
  const m = ssMedian(xs);
  // two equal infinite middles interpolate to NaN: sort and take them (rare: only with ±∞ in the data)
  return Number.isNaN(m) ? quantileSorted(xs.sort((a, b) => a - b), 0.5) : m;
}
