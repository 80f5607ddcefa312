/**
 * Analytic hierarchy process (Saaty): weights from pairwise comparisons, with the consistency ratio.
 */
import { AHP_MAX_ITERATIONS, AHP_TOLERANCE } from './tolerances.js';

/** Saaty's random consistency index for n = 1…10 (Saaty 1980, Table 1.7). */
export const RANDOM_INDEX: readonly number[] = [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];

/** Saaty's rule of thumb: revise the judgements when CR exceeds 0.10. */
export const AHP_ACCEPTABLE_CR = 0.1;

export interface AhpResult {
  readonly criteria: readonly string[];
  /** Priority vector (principal right eigenvector), summing to 1. */
  readonly weights: readonly number[];
  readonly lambdaMax: number;
  /** (λmax − n) / (n − 1). */
  readonly consistencyIndex: number;
  /** CI / RI(n); 0 for n ≤ 2. */
  readonly consistencyRatio: number;
  readonly converged: boolean;
  readonly iterations: number;
}

/** Build the reciprocal matrix from `[a, b, v]` judgements (a is v times as important as b). O(n² + m). */
export function pairwiseMatrix(criteria: readonly string[], comparisons: readonly (readonly [string, string, number])[]): number[][] {
  const n = criteria.length;
  const m = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : Number.NaN)));
  for (const [a, b, v] of comparisons) {
    const i = criteria.indexOf(a);
    const j = criteria.indexOf(b);
    if (i < 0 || j < 0 || i === j || !(v > 0)) throw new Error(`pairwiseMatrix: bad comparison ${JSON.stringify([a, b, v])}`);
    m[i]![j] = v;
    m[j]![i] = 1 / v;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (Number.isNaN(m[i]![j]!)) throw new Error(`pairwiseMatrix: pair ${criteria[i]}/${criteria[j]} missing`);
  return m;
}

/**
 * Principal eigenvector of a positive reciprocal matrix by power iteration, λmax and the consistency ratio.
 * Cost: O(n² · iterations).
 * @example
 * ahpWeights(['a', 'b', 'c'], [['a', 'b', 3], ['a', 'c', 5], ['b', 'c', 3]]).consistencyRatio; // ≈ 0.033
 */
export function ahpWeights(criteria: readonly string[], comparisons: readonly (readonly [string, string, number])[]): AhpResult {
  const a = pairwiseMatrix(criteria, comparisons);
  const n = criteria.length;
  let w = new Array<number>(n).fill(1 / n);
  let converged = false;
  let iterations = 0;
  while (iterations < AHP_MAX_ITERATIONS) {
    iterations++;
    const next = a.map((row) => row.reduce((s, v, j) => s + v * w[j]!, 0));
    const total = next.reduce((s, v) => s + v, 0);
    for (let i = 0; i < n; i++) next[i] = next[i]! / total;
    const change = next.reduce((s, v, i) => s + Math.abs(v - w[i]!), 0);
    w = next;
    if (change < AHP_TOLERANCE) {
      converged = true;
      break;
    }
  }
  const aw = a.map((row) => row.reduce((s, v, j) => s + v * w[j]!, 0));
  const lambdaMax = aw.reduce((s, v, i) => s + v / w[i]!, 0) / n;
  const consistencyIndex = n > 1 ? (lambdaMax - n) / (n - 1) : 0;
  const ri = RANDOM_INDEX[n - 1] ?? RANDOM_INDEX[RANDOM_INDEX.length - 1]!;
  const consistencyRatio = ri > 0 ? consistencyIndex / ri : 0;
  return { criteria, weights: w, lambdaMax, consistencyIndex, consistencyRatio, converged, iterations };
}
