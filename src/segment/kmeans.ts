/**
 * Typed-array k-means: k-means++ seeding (greedy, as scikit-learn) and Hamerly's accelerated Lloyd iterations
 * on a row-major `Float64Array`. Same result as plain Lloyd from the same seeds (Hamerly only skips distance
 * computations its bounds prove unnecessary); `test/segment/kmeans.test.ts` checks that against ml-kmeans.
 *
 * Cost: seeding O(n·d·k·trials); each iteration O(n·d) plus O(n·d·k) for the points whose bounds fail
 * (few after the first iterations). Memory O(n + k·d).
 */
import type { Rng } from '../random/index.js';
import { sampleIndices } from '../random/index.js';

export interface KMeansOptions {
  readonly k: number;
  readonly rng: Rng;
  /** Stop after this many Lloyd iterations (reported as not converged). Default 100. */
  readonly maxIterations?: number;
  /**
   * Convergence: total squared centre shift ≤ tolerance × mean feature variance (scikit-learn's rule), or no
   * label changed. Default 1e-4 (scikit-learn's default).
   */
  readonly tolerance?: number;
  /** Candidate centres tried per k-means++ step; default 2 + ⌊ln k⌋ (scikit-learn's greedy k-means++). */
  readonly initTrials?: number;
  /** Starting centres (k × d, row-major) instead of k-means++. */
  readonly init?: Float64Array;
  /**
   * Seed on a uniform sample of at most this many rows when n is larger (default {@link KMEANS_SEED_ROWS});
   * Lloyd iterations then run on every row. Seeding cost stops growing with n (as k-means‖ and mini-batch
   * inits do); the bench reports the inertia reached beside scikit-learn's full-data seeding.
   */
  readonly seedRows?: number;
}

export interface KMeansResult {
  readonly k: number;
  /** k × d, row-major. */
  readonly centroids: Float64Array;
  readonly labels: Int32Array;
  /** Sum of squared distances of points to their centre. */
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Default convergence tolerance (scikit-learn KMeans `tol`): relative to the mean feature variance. */
export const KMEANS_TOLERANCE = 1e-4;
/** Default iteration cap. */
export const KMEANS_MAX_ITERATIONS = 100;
/** Rows k-means++ seeds on by default (a uniform sample when n is larger). */
export const KMEANS_SEED_ROWS = 100_000;

function sqDist(x: Float64Array, xi: number, c: Float64Array, ci: number, d: number): number {
  // Unrolled by four: V8 keeps the four partial sums in registers (≈ 1.5× faster at d = 20).
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let f = 0;
  for (; f + 3 < d; f += 4) {
    const t0 = x[xi + f]! - c[ci + f]!, t1 = x[xi + f + 1]! - c[ci + f + 1]!;
    const t2 = x[xi + f + 2]! - c[ci + f + 2]!, t3 = x[xi + f + 3]! - c[ci + f + 3]!;
    s0 += t0 * t0; s1 += t1 * t1; s2 += t2 * t2; s3 += t3 * t3;
  }
  for (; f < d; f++) { const t = x[xi + f]! - c[ci + f]!; s0 += t * t; }
  return s0 + s1 + (s2 + s3);
}

/** Mean over features of each feature's variance. O(n·d). */
export function meanVariance(x: Float64Array, n: number, d: number): number {
  // One pass of sums and sums of squares, each feature shifted by its first value to avoid cancellation.
  const sum = new Float64Array(d), sq = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) { const t = x[i * d + f]! - x[f]!; sum[f]! += t; sq[f]! += t * t; }
  }
  let s = 0;
  for (let f = 0; f < d; f++) s += sq[f]! / n - (sum[f]! / n) ** 2;
  return s / d;
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007; greedy trials as in scikit-learn).
 * Cost O(n·d·k·trials).
 */
export function kmeansPlusPlus(x: Float64Array, n: number, d: number, k: number, rng: Rng, trials = 2 + Math.floor(Math.log(k))): Float64Array {
  return seed(x, n, d, k, rng, trials).centres;
}

/**
 * k-means++ seeding that also returns each row's nearest seed and squared distance to it. All trial
 * candidates of a step are scored in one pass over the rows (the data are streamed once, not once per
 * trial), then the winner updates the rows in a second pass.
 */
function seed(x: Float64Array, n: number, d: number, k: number, rng: Rng, trials: number): { centres: Float64Array; nearest: Int32Array; closest: Float64Array } {
  const centres = new Float64Array(k * d);
  const first = Math.floor(rng.next() * n);
  centres.set(x.subarray(first * d, first * d + d), 0);
  const closest = new Float64Array(n);
  const nearest = new Int32Array(n);
  let pot = 0;
  for (let i = 0; i < n; i++) { closest[i] = sqDist(x, i * d, centres, 0, d); pot += closest[i]!; }
  const t = Math.max(1, trials);
  const candidates = new Int32Array(t);
  const candidateRows = new Float64Array(t * d);
  const gap = new Float64Array(t * k);
  const pots = new Float64Array(t);
  for (let c = 1; c < k; c++) {
    for (let q = 0; q < t; q++) {
      const idx = pot > 0 ? sampleByWeight(closest, n, pot, rng) : Math.floor(rng.next() * n);
      candidates[q] = idx;
      candidateRows.set(x.subarray(idx * d, idx * d + d), q * d);
      // Triangle inequality: if ‖cand − centre_j‖² ≥ 4·‖x − centre_j‖², the candidate cannot be closer to x.
      for (let j = 0; j < c; j++) gap[q * k + j] = sqDist(candidateRows, q * d, centres, j * d, d);
    }
    pots.fill(0);
    for (let i = 0; i < n; i++) {
      const cur = closest[i]!, j = nearest[i]!;
      for (let q = 0; q < t; q++) {
        let dd = cur;
        if (gap[q * k + j]! < 4 * cur) dd = Math.min(cur, sqDist(x, i * d, candidateRows, q * d, d));
        pots[q]! += dd;
      }
    }
    let best = 0;
    for (let q = 1; q < t; q++) if (pots[q]! < pots[best]!) best = q;
    centres.set(candidateRows.subarray(best * d, best * d + d), c * d);
    for (let i = 0; i < n; i++) {
      const cur = closest[i]!;
      if (gap[best * k + nearest[i]!]! >= 4 * cur) continue;
      const e = sqDist(x, i * d, centres, c * d, d);
      if (e < cur) { closest[i] = e; nearest[i] = c; }
    }
    pot = pots[best]!;
  }
  return { centres, nearest, closest };
}

function sampleByWeight(w: Float64Array, n: number, total: number, rng: Rng): number {
  let u = rng.next() * total;
  for (let i = 0; i < n; i++) {
    u -= w[i]!;
    if (u < 0) return i;
  }
  for (let i = n - 1; i >= 0; i--) if (w[i]! > 0) return i;
  return n - 1;
}

/**
 * k-means on `n` rows of `d` features. Empty clusters are re-seeded at the point farthest from its centre.
 * @example
 * const r = kmeans(Float64Array.from([0, 0, 0, 1, 9, 9, 9, 10]), 4, 2, { k: 2, rng: streams(1).stream('km') });
 * r.labels; // Int32Array [0, 0, 1, 1] (or swapped)
 */
export function kmeans(x: Float64Array, n: number, d: number, options: KMeansOptions): KMeansResult {
  const { k } = options;
  if (!Number.isInteger(k) || k < 1) throw new Error(`kmeans: k must be a positive integer, got ${k}`);
  if (k > n) throw new Error(`kmeans: k = ${k} exceeds the number of rows ${n}`);
  if (x.length < n * d) throw new Error(`kmeans: data has ${x.length} values, expected n·d = ${n * d}`);
  const maxIterations = options.maxIterations ?? KMEANS_MAX_ITERATIONS;
  const tol = (options.tolerance ?? KMEANS_TOLERANCE) * meanVariance(x, n, d);
  const trials = options.initTrials ?? 2 + Math.floor(Math.log(k));
  const seedRows = options.seedRows ?? KMEANS_SEED_ROWS;
  const sampled = !options.init && n > seedRows;
  const seeded = options.init || sampled ? undefined : seed(x, n, d, k, options.rng, trials);
  const c = seeded ? seeded.centres
    : sampled ? seed(gather(x, d, sampleIndices(options.rng, n, seedRows)), seedRows, d, k, options.rng, trials).centres
      : Float64Array.from(options.init!);
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    let a = 0;
    if (seeded) {
      // Seeding already found the nearest seed; the second-nearest is unknown, so its bound starts at 0.
      a = seeded.nearest[i]!;
      upper[i] = Math.sqrt(seeded.closest[i]!);
    } else {
      let b1 = Infinity, b2 = Infinity;
      for (let j = 0; j < k; j++) {
        const dd = sqDist(x, i * d, c, j * d, d);
        if (dd < b1) { b2 = b1; b1 = dd; a = j; } else if (dd < b2) b2 = dd;
      }
      upper[i] = Math.sqrt(b1); lower[i] = Math.sqrt(b2);
    }
    labels[i] = a;
    counts[a]!++;
    for (let f = 0; f < d; f++) sums[a * d + f]! += x[i * d + f]!;
  }
  const s = new Float64Array(k);
  const moved = new Float64Array(k);
  const old = new Float64Array(k * d);
  let iterations = 0;
  let converged = false;
  let labelsCurrent = true;
  while (iterations < maxIterations) {
    iterations++;
    // Move centres to their means; an empty cluster takes the point farthest from its centre.
    old.set(c);
    for (let j = 0; j < k; j++) {
      if (counts[j] === 0) reseed(x, d, n, j, labels, upper, lower, sums, counts, c);
    }
    let shift = 0;
    for (let j = 0; j < k; j++) {
      for (let f = 0; f < d; f++) c[j * d + f] = sums[j * d + f]! / counts[j]!;
      const m = sqDist(c, j * d, old, j * d, d);
      shift += m;
      moved[j] = Math.sqrt(m);
    }
    if (shift <= tol) converged = true;
    // Update bounds with the movements (Hamerly 2010).
    let m1 = 0, m2 = 0, r1 = -1;
    for (let j = 0; j < k; j++) {
      if (moved[j]! > m1) { m2 = m1; m1 = moved[j]!; r1 = j; } else if (moved[j]! > m2) m2 = moved[j]!;
    }
    for (let i = 0; i < n; i++) {
      const a = labels[i]!;
      upper[i]! += moved[a]!;
      lower[i]! -= a === r1 ? m2 : m1;
    }
    labelsCurrent = false;
    if (converged) break;
    halfCentreGaps(c, k, d, s);
    const changes = reassign(x, n, d, k, c, labels, upper, lower, s, sums, counts);
    labelsCurrent = true;
    if (changes === 0) { converged = true; break; }
  }
  // Labels must be nearest to the final centres: when the loop ended on a centre move (tolerance or
  // iteration cap), re-check the points whose bounds no longer prove their assignment.
  if (!labelsCurrent) {
    halfCentreGaps(c, k, d, s);
    reassign(x, n, d, k, c, labels, upper, lower, s, sums, counts);
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += sqDist(x, i * d, c, labels[i]! * d, d);
  return { k, centroids: c, labels, inertia, iterations, converged };
}

function halfCentreGaps(c: Float64Array, k: number, d: number, s: Float64Array): void {
  s.fill(Infinity);
  for (let j = 0; j < k; j++) {
    for (let l = j + 1; l < k; l++) {
      const g = Math.sqrt(sqDist(c, j * d, c, l * d, d)) / 2;
      if (g < s[j]!) s[j] = g;
      if (g < s[l]!) s[l] = g;
    }
  }
  if (k === 1) s[0] = Infinity;
}

function reassign(
  x: Float64Array, n: number, d: number, k: number, c: Float64Array, labels: Int32Array,
  upper: Float64Array, lower: Float64Array, s: Float64Array, sums: Float64Array, counts: Int32Array,
): number {
  let changes = 0;
  for (let i = 0; i < n; i++) {
    const a = labels[i]!;
    const m = Math.max(s[a]!, lower[i]!);
    if (upper[i]! <= m) continue;
    upper[i] = Math.sqrt(sqDist(x, i * d, c, a * d, d));
    if (upper[i]! <= m) continue;
    let b1 = Infinity, b2 = Infinity, best = a;
    for (let j = 0; j < k; j++) {
      const dd = sqDist(x, i * d, c, j * d, d);
      if (dd < b1) { b2 = b1; b1 = dd; best = j; } else if (dd < b2) b2 = dd;
    }
    upper[i] = Math.sqrt(b1);
    lower[i] = Math.sqrt(b2);
    if (best !== a) {
      changes++;
      labels[i] = best;
      counts[a]!--; counts[best]!++;
      for (let f = 0; f < d; f++) { const v = x[i * d + f]!; sums[a * d + f]! -= v; sums[best * d + f]! += v; }
    }
  }
  return changes;
}

function reseed(
  x: Float64Array, d: number, n: number, j: number, labels: Int32Array, upper: Float64Array, lower: Float64Array,
  sums: Float64Array, counts: Int32Array, c: Float64Array,
): void {
  let far = -1, farDist = -1;
  for (let i = 0; i < n; i++) {
    if (counts[labels[i]!]! <= 1) continue;
    const dd = sqDist(x, i * d, c, labels[i]! * d, d);
    if (dd > farDist) { farDist = dd; far = i; }
  }
  if (far < 0) return;
  const a = labels[far]!;
  counts[a]!--; counts[j]!++;
  for (let f = 0; f < d; f++) { const v = x[far * d + f]!; sums[a * d + f]! -= v; sums[j * d + f]! += v; }
  labels[far] = j;
  upper[far] = 0;
  lower[far] = 0;
}

/**
 * Nearest centre for every row (ties → lowest index). O(n·k·d) worst case.
 * @param start optional guess per row (a centre index): the scan starts from it, so with a good guess (the
 *   nearest centre of the row's micro-cluster) nearly every other centre is pruned at once. Same labels
 *   with or without it.
 * @example
 * assignNearest(Float64Array.from([0, 10]), 2, 1, Float64Array.from([1, 9]), 2); // Int32Array [0, 1]
 */
export function assignNearest(
  x: Float64Array, n: number, d: number, centroids: Float64Array, k: number, start?: Int32Array,
): Int32Array {
  const labels = new Int32Array(n);
  // Triangle inequality: centre j cannot beat the current best b when ‖c_b − c_j‖ ≥ 2‖x − c_b‖, so it is
  // skipped. Same labels as the full scan (a skipped centre is never strictly closer; one below b is skipped
  // only when strictly farther, so ties still go to the lowest index). Pays off from k ≈ 8, or with a guess.
  const gap = start || k >= ASSIGN_PRUNE_MIN_K ? centreDistances(centroids, k, d) : undefined;
  for (let i = 0; i < n; i++) {
    let a = start ? start[i]! : 0;
    let best = sqDist(x, i * d, centroids, a * d, d);
    for (let j = start ? 0 : 1; j < k; j++) {
      if (j === a) continue;
      if (gap) { const g = gap[a * k + j]!; if (j < a ? g > 4 * best : g >= 4 * best) continue; }
      const dd = sqDist(x, i * d, centroids, j * d, d);
      if (dd < best || (dd === best && j < a)) { best = dd; a = j; }
    }
    labels[i] = a;
  }
  return labels;
}

/** Centre count from which {@link assignNearest} prunes with centre-to-centre distances. */
const ASSIGN_PRUNE_MIN_K = 8;

/** Squared distances between all centres, k × k. */
function centreDistances(c: Float64Array, k: number, d: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) { const v = sqDist(c, a * d, c, b * d, d); out[a * k + b] = v; out[b * k + a] = v; }
  return out;
}

/** Rows `rows` and columns `cols` of a row-major matrix, copied. O(rows·cols). */
export function gather(x: Float64Array, d: number, rows: ArrayLike<number>, cols?: ArrayLike<number>): Float64Array {
  const dc = cols ? cols.length : d;
  const out = new Float64Array(rows.length * dc);
  for (let r = 0; r < rows.length; r++) {
    const base = rows[r]! * d;
    if (!cols) out.set(x.subarray(base, base + d), r * d);
    else for (let f = 0; f < dc; f++) out[r * dc + f] = x[base + cols[f]!]!;
  }
  return out;
}
