/**
 * Clustering quality metrics: agreement between two labelings (adjusted Rand index, normalised mutual
 * information) and internal validity of one labeling on row-major data (silhouette, Calinski–Harabasz,
 * Davies–Bouldin). Definitions follow scikit-learn's `sklearn.metrics`, so its values are the reference.
 * Labels are non-negative integers; negative labels (not assigned) are skipped where noted.
 */
import type { Rng } from '../random/index.js';
import { sampleIndices } from '../random/index.js';

type Labels = ArrayLike<number>;

/** Contingency table of two labelings over the rows where both are ≥ 0. O(n + ka·kb). */
export function contingency(a: Labels, b: Labels): { table: Float64Array; ka: number; kb: number; n: number } {
  if (a.length !== b.length) throw new Error(`contingency: labelings differ in length (${a.length} vs ${b.length})`);
  let ka = 0, kb = 0;
  for (let i = 0; i < a.length; i++) { ka = Math.max(ka, a[i]! + 1); kb = Math.max(kb, b[i]! + 1); }
  const table = new Float64Array(ka * kb);
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < 0 || b[i]! < 0) continue;
    table[a[i]! * kb + b[i]!]!++;
    n++;
  }
  return { table, ka, kb, n };
}

const comb2 = (x: number): number => (x * (x - 1)) / 2;

/**
 * Adjusted Rand index (Hubert & Arabie 1985): 1 for identical partitions, ≈ 0 for independent ones.
 * O(n + ka·kb).
 * @example
 * adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]); // 1
 */
export function adjustedRandIndex(a: Labels, b: Labels): number {
  const { table, ka, kb, n } = contingency(a, b);
  let sumCells = 0;
  const rows = new Float64Array(ka), cols = new Float64Array(kb);
  for (let i = 0; i < ka; i++) for (let j = 0; j < kb; j++) {
    const v = table[i * kb + j]!;
    sumCells += comb2(v); rows[i]! += v; cols[j]! += v;
  }
  let sumRows = 0, sumCols = 0;
  for (const r of rows) sumRows += comb2(r);
  for (const c of cols) sumCols += comb2(c);
  const expected = (sumRows * sumCols) / comb2(n);
  const max = (sumRows + sumCols) / 2;
  if (max === expected) return 1; // both labelings trivial (one cluster each, or all singletons)
  return (sumCells - expected) / (max - expected);
}

/**
 * Normalised mutual information with the arithmetic-mean normaliser (scikit-learn's default):
 * NMI = I(A;B) / ((H(A) + H(B)) / 2). O(n + ka·kb).
 * @example
 * normalizedMutualInformation([0, 0, 1, 1], [0, 0, 0, 0]); // 0
 */
export function normalizedMutualInformation(a: Labels, b: Labels): number {
  const { table, ka, kb, n } = contingency(a, b);
  const rows = new Float64Array(ka), cols = new Float64Array(kb);
  for (let i = 0; i < ka; i++) for (let j = 0; j < kb; j++) { rows[i]! += table[i * kb + j]!; cols[j]! += table[i * kb + j]!; }
  const entropy = (xs: Float64Array): number => {
    let h = 0;
    for (const x of xs) if (x > 0) h -= (x / n) * Math.log(x / n);
    return h;
  };
  const ha = entropy(rows), hb = entropy(cols);
  if (ha === 0 && hb === 0) return 1;
  let mi = 0;
  for (let i = 0; i < ka; i++) for (let j = 0; j < kb; j++) {
    const v = table[i * kb + j]!;
    if (v > 0) mi += (v / n) * Math.log((n * v) / (rows[i]! * cols[j]!));
  }
  const denom = (ha + hb) / 2;
  return denom === 0 ? 0 : Math.max(0, mi / denom);
}

function dist(x: Float64Array, i: number, j: number, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) { const t = x[i * d + f]! - x[j * d + f]!; s += t * t; }
  return Math.sqrt(s);
}

/**
 * Mean silhouette width (Rousseeuw 1987) with Euclidean distance; points alone in their cluster score 0.
 * With `sample` and `rng`, computed on a uniform sample of that many rows (scikit-learn's `sample_size`).
 * Cost O(m²·d) for m rows used.
 * @example
 * silhouette(Float64Array.from([0, 1, 10, 11]), 4, 1, [0, 0, 1, 1]); // ≈ 0.9
 */
export function silhouette(x: Float64Array, n: number, d: number, labels: Labels, sample?: { size: number; rng: Rng }): number {
  const rows = sample && sample.size < n ? sampleIndices(sample.rng, n, sample.size) : undefined;
  const m = rows ? rows.length : n;
  const row = (i: number): number => (rows ? rows[i]! : i);
  let k = 0;
  for (let i = 0; i < m; i++) k = Math.max(k, labels[row(i)]! + 1);
  if (k < 2) return 0;
  const sizes = new Float64Array(k);
  for (let i = 0; i < m; i++) sizes[labels[row(i)]!]!++;
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < m; i++) {
    sums.fill(0);
    const ri = row(i);
    for (let j = 0; j < m; j++) if (j !== i) sums[labels[row(j)]!]! += dist(x, ri, row(j), d);
    const own = labels[ri]!;
    if (sizes[own]! <= 1) continue;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    total += (b - a) / Math.max(a, b);
  }
  return total / m;
}

function centroidsOf(x: Float64Array, n: number, d: number, labels: Labels): { k: number; sizes: Float64Array; centres: Float64Array } {
  let k = 0;
  for (let i = 0; i < n; i++) k = Math.max(k, labels[i]! + 1);
  return { k, ...clusterMeans(x, n, d, labels, k) };
}

/**
 * Size and mean of each of the `k` clusters of the `n` rows of `x` (`d` columns; an empty cluster's mean is 0).
 * O(n·d + k·d).
 * @example
 * clusterMeans(Float64Array.from([0, 2, 10]), 3, 1, [0, 0, 1], 2); // { sizes: [2, 1], centres: [1, 10] }
 */
export function clusterMeans(x: Float64Array, n: number, d: number, labels: Labels, k: number): { sizes: Float64Array; centres: Float64Array } {
  const sizes = new Float64Array(k), centres = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    sizes[c]!++;
    for (let f = 0; f < d; f++) centres[c * d + f]! += x[i * d + f]!;
  }
  for (let c = 0; c < k; c++) for (let f = 0; f < d; f++) centres[c * d + f]! /= Math.max(1, sizes[c]!);
  return { sizes, centres };
}

/**
 * Calinski–Harabasz index: (between-cluster dispersion / (k − 1)) / (within-cluster dispersion / (n − k)).
 * Higher is better. O(n·d).
 * @example
 * calinskiHarabasz(Float64Array.from([0, 2, 10, 12]), 4, 1, [0, 0, 1, 1]); // 50
 */
export function calinskiHarabasz(x: Float64Array, n: number, d: number, labels: Labels): number {
  const { k, sizes, centres } = centroidsOf(x, n, d, labels);
  if (k < 2 || n <= k) return 0;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f]! += x[i * d + f]! / n;
  let between = 0, within = 0;
  for (let c = 0; c < k; c++) for (let f = 0; f < d; f++) between += sizes[c]! * (centres[c * d + f]! - mean[f]!) ** 2;
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) within += (x[i * d + f]! - centres[labels[i]! * d + f]!) ** 2;
  if (within === 0) return Infinity;
  return (between / (k - 1)) / (within / (n - k));
}

/**
 * Davies–Bouldin index: mean over clusters of the worst (sᵢ + sⱼ) / ‖cᵢ − cⱼ‖, sᵢ the mean distance to the
 * centroid. Lower is better. O(n·d + k²·d).
 * @example
 * daviesBouldin(Float64Array.from([0, 2, 10, 12]), 4, 1, [0, 0, 1, 1]); // 0.2
 */
export function daviesBouldin(x: Float64Array, n: number, d: number, labels: Labels): number {
  const { k, sizes, centres } = centroidsOf(x, n, d, labels);
  if (k < 2) return 0;
  const scatter = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const c = labels[i]!;
    for (let f = 0; f < d; f++) s += (x[i * d + f]! - centres[c * d + f]!) ** 2;
    scatter[c]! += Math.sqrt(s);
  }
  for (let c = 0; c < k; c++) scatter[c]! /= Math.max(1, sizes[c]!);
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = 0;
    for (let b = 0; b < k; b++) {
      if (a === b) continue;
      let s = 0;
      for (let f = 0; f < d; f++) s += (centres[a * d + f]! - centres[b * d + f]!) ** 2;
      const r = s === 0 ? Infinity : (scatter[a]! + scatter[b]!) / Math.sqrt(s);
      worst = Math.max(worst, r);
    }
    total += worst;
  }
  return total / k;
}
