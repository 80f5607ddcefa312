/**
 * The rules stage's statistics: the corrected resampled t-test of the model choice (Nadeau & Bengio 2003: a
 * challenger's validated gain must exceed a t critical value times a standard error corrected for the overlap of
 * the folds' training sets). Quantiles and the Student-t quantile come from the shared `src/stats/`.
 *
 * Cost: O(1) per critical value, O(folds) per standard error.
 */
import { tQuantile } from '../stats/index.js';

export { quantileSorted } from '../stats/index.js';

/** One-sided 5% test of the challenger's gain. */
const CHALLENGER_QUANTILE = 0.95;

/**
 * The critical value a challenger's validated gain must exceed, in corrected standard errors, over `folds`
 * per-fold differences: a one-sided test at 5% with folds − 1 degrees of freedom. O(1).
 * @example
 * challengerCritical(5); // 2.132 = t(0.95, 4)
 */
export function challengerCritical(folds: number): number {
  return tQuantile(CHALLENGER_QUANTILE, Math.max(1, folds - 1));
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
