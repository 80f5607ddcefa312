/**
 * The sampling design for Sobol indices (Saltelli et al. 2010, "Variance based sensitivity analysis of model
 * output. Design and estimator for the total sensitivity index", Computer Physics Communications 181(2),
 * 259–270, §3): two independent base samples A and B of n points in the unit hypercube [0, 1)^k, and for each
 * factor i the matrix A_B^(i) — A with column i taken from B. The model is run on all n·(k + 2) rows.
 *
 * A and B are Latin hypercube samples (each column cut into n strata, one point a stratum, strata paired at
 * random) or plain Monte Carlo; both give unbiased estimators, LHS with less variance for additive parts.
 * Rows are in the unit cube: map them to each factor's range (and round integer factors) before running.
 *
 * Cost: O(n·k²) numbers written; memory n·k·(k + 2) doubles.
 */
import type { Rng } from '../random/index.js';
import { shuffled } from '../random/index.js';

/** The rows of a Saltelli design, row-major, each row k numbers in [0, 1). */
export interface SaltelliDesign {
  readonly k: number;
  readonly n: number;
  /** n·(k + 2) rows: A (rows 0…n−1), B (n…2n−1), then A_B^(i) for i = 0…k−1 (rows (2 + i)·n …). */
  readonly rows: Float64Array;
}

export type BaseSampling = 'lhs' | 'mc';

/**
 * Draw a Saltelli design of `n` base points for `k` factors.
 * @example
 * const d = saltelliDesign(3, 1024, streams(7).stream('sensitivity/design'));
 * d.rows.length; // 1024 · 5 · 3
 */
export function saltelliDesign(k: number, n: number, rng: Rng, sampling: BaseSampling = 'lhs'): SaltelliDesign {
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`saltelliDesign: k must be a positive integer, got ${k}`);
  if (!(Number.isInteger(n) && n >= 2)) throw new Error(`saltelliDesign: n must be an integer ≥ 2, got ${n}`);
  const a = baseSample(k, n, rng, sampling);
  const b = baseSample(k, n, rng, sampling);
  const rows = new Float64Array(n * k * (k + 2));
  rows.set(a, 0);
  rows.set(b, n * k);
  for (let i = 0; i < k; i++) {
    const offset = (2 + i) * n * k;
    rows.set(a, offset);
    for (let j = 0; j < n; j++) rows[offset + j * k + i] = b[j * k + i]!;
  }
  return { k, n, rows };
}

/**
 * Row `r` of a design as a view (no copy).
 * @example
 * designRow(d, 0); // the first point of A
 */
export function designRow(design: SaltelliDesign, r: number): Float64Array {
  return design.rows.subarray(r * design.k, (r + 1) * design.k);
}

function baseSample(k: number, n: number, rng: Rng, sampling: BaseSampling): Float64Array {
  const out = new Float64Array(n * k);
  if (sampling === 'mc') {
    for (let i = 0; i < out.length; i++) out[i] = rng.next();
    return out;
  }
  const order = Array.from({ length: n }, (_, j) => j);
  for (let i = 0; i < k; i++) {
    const strata = shuffled(rng, order);
    for (let j = 0; j < n; j++) out[j * k + i] = (strata[j]! + rng.next()) / n;
  }
  return out;
}
