/**
 * The rules stage's statistics, in one place so that a shared statistics module can replace them: the corrected
 * resampled t-test of the model choice (Nadeau & Bengio 2003: a challenger's validated gain must exceed a t
 * critical value times a standard error corrected for the overlap of the folds' training sets) and the type-7
 * quantile of bootstrap distributions. The only Student-t quantile of the stage is {@link tQuantile95}.
 *
 * Cost: O(1) per quantile, O(folds) per standard error.
 */

/** One-sided 95% quantiles of Student's t with 1 … 19 degrees of freedom (any statistics table). */
const T95 = [
  6.314, 2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86, 1.833, 1.812,
  1.796, 1.782, 1.771, 1.761, 1.753, 1.746, 1.74, 1.734, 1.729,
] as const;

/**
 * The one-sided 95% quantile of Student's t with `df` degrees of freedom, from a table of 1 … 19 df; below 1 the
 * 1-df value and above 19 the 19-df value (conservative: the true quantile is lower). O(1).
 * @example
 * tQuantile95(4); // 2.132
 */
export function tQuantile95(df: number): number {
  return T95[Math.min(T95.length, Math.max(1, df)) - 1]!;
}

/**
 * The critical value a challenger's validated gain must exceed, in corrected standard errors, over `folds`
 * per-fold differences: a one-sided test at 5% with folds − 1 degrees of freedom. O(1).
 * @example
 * challengerCritical(5); // 2.132 = t(0.95, 4)
 */
export function challengerCritical(folds: number): number {
  return tQuantile95(folds - 1);
}

/**
 * Standard error of a mean difference over J = repeats × k cross-validation folds, corrected for the overlap of
 * the folds' training sets (Nadeau & Bengio 2003, "Inference for the generalization error"): variance ×
 * (1/J + 1/(k − 1)), the test/train size ratio of k-fold being 1/(k − 1). The naive s/√J understates it. O(J).
 * @example
 * correctedSe([0.1, 0.2, 0.3, 0.4, 0.5]); // 0.106066
 */
export function correctedSe(d: readonly number[], k = d.length): number {
  const J = d.length;
  if (J < 2) return 0;
  const mean = d.reduce((acc, x) => acc + x, 0) / J;
  const variance = d.reduce((acc, x) => acc + (x - mean) ** 2, 0) / (J - 1);
  return Math.sqrt(variance * (1 / J + 1 / (k - 1)));
}

/**
 * Type-7 (linear interpolation) quantile of an ascending list, p in [0, 1]. O(1).
 * @example
 * quantileSorted([1, 2, 3, 4], 0.5); // 2.5
 */
export function quantileSorted(xs: ArrayLike<number>, p: number): number {
  if (xs.length === 0) throw new Error('quantileSorted: empty list');
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(xs.length - 1, lo + 1);
  return xs[lo]! + (h - lo) * (xs[hi]! - xs[lo]!);
}
