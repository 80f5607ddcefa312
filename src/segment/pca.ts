/**
 * Principal component analysis of a centred-or-not row-major matrix: covariance (d × d), cyclic Jacobi
 * eigen-decomposition, projection onto the leading components. Cost O(n·d² + d³·sweeps).
 */

/** Jacobi sweeps cap; a symmetric d ≤ 100 matrix converges in well under 20. */
const JACOBI_MAX_SWEEPS = 50;
/** Off-diagonal mass below which Jacobi stops (relative to the trace). */
const JACOBI_TOLERANCE = 1e-14;

export interface PcaResult {
  /** n × components, row-major. */
  readonly scores: Float64Array;
  /** components × d, row-major, unit vectors, sign fixed so the largest loading is positive. */
  readonly loadings: Float64Array;
  readonly eigenvalues: Float64Array;
  readonly varianceKept: number;
}

/**
 * Eigen-decomposition of a symmetric d × d matrix (row-major; copied). Eigenvalues descending.
 * @example
 * symmetricEigen(Float64Array.from([2, 0, 0, 1]), 2).values; // Float64Array [2, 1]
 */
export function symmetricEigen(matrix: Float64Array, d: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  let trace = 0;
  for (let i = 0; i < d; i++) trace += Math.abs(a[i * d + i]!);
  for (let sweep = 0; sweep < JACOBI_MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q]! ** 2;
    if (off <= JACOBI_TOLERANCE * (trace * trace || 1)) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q]!;
        if (apq === 0) continue;
        const theta = (a[q * d + q]! - a[p * d + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p]!, akq = a[k * d + q]!;
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k]!, aqk = a[q * d + k]!;
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p]!, vkq = v[k * d + q]!;
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => a[j * d + j]! - a[i * d + i]! || i - j);
  const values = Float64Array.from(order, (i) => a[i * d + i]!);
  const vectors = new Float64Array(d * d);
  order.forEach((col, r) => { for (let k = 0; k < d; k++) vectors[r * d + k] = v[k * d + col]!; });
  return { values, vectors };
}

/**
 * Project rows onto the first `components` principal axes.
 * @example
 * pca(Float64Array.from([0, 0, 1, 1, 2, 2]), 3, 2, 1).varianceKept; // 1
 */
export function pca(x: Float64Array, n: number, d: number, components: number): PcaResult {
  if (components < 1 || components > d) throw new Error(`pca: components must be in 1..${d}, got ${components}`);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f]! += x[i * d + f]! / n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) row[f] = x[i * d + f]! - mean[f]!;
    for (let f = 0; f < d; f++) for (let g = f; g < d; g++) cov[f * d + g]! += row[f]! * row[g]!;
  }
  for (let f = 0; f < d; f++) for (let g = f; g < d; g++) { cov[f * d + g]! /= n; cov[g * d + f] = cov[f * d + g]!; }
  const { values, vectors } = symmetricEigen(cov, d);
  const loadings = vectors.slice(0, components * d);
  for (let c = 0; c < components; c++) {
    let big = 0;
    for (let f = 0; f < d; f++) if (Math.abs(loadings[c * d + f]!) > Math.abs(big)) big = loadings[c * d + f]!;
    if (big < 0) for (let f = 0; f < d; f++) loadings[c * d + f] = -loadings[c * d + f]!;
  }
  const scores = new Float64Array(n * components);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < components; c++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += (x[i * d + f]! - mean[f]!) * loadings[c * d + f]!;
      scores[i * components + c] = s;
    }
  }
  let total = 0, kept = 0;
  values.forEach((v, i) => { total += Math.max(0, v); if (i < components) kept += Math.max(0, v); });
  return { scores, loadings, eigenvalues: values, varianceKept: total > 0 ? kept / total : 1 };
}
