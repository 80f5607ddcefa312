/**
 * The ensemble of base clusterings (resampling consensus, Monti et al. 2003): for each k in the range,
 * `members` clusterings, each on a random item subsample and feature subsample of the reference rows.
 * Most members are k-means (k-means++ seeding); a share are Ward agglomerative clusterings of a small
 * subsample extended to the member's items by nearest centroid — a structurally different algorithm, so
 * the consensus is not one algorithm's bias repeated.
 *
 * Cost: per member O(f·s·d·k·iterations) for k-means on f ≤ `maxFitRows` rows plus O(s·d·k) to label its
 * s sampled items; Ward members O(w²·d) on w = `wardRows` rows. Memory: one Int8 label per reference row
 * and member.
 */
import type { Rng, Streams } from '../random/index.js';
import { sampleIndices } from '../random/index.js';
import { assignNearest, gather, kmeans } from './kmeans.js';
import { cutTree, linkage } from './linkage.js';
import { clusterMeans } from './metrics.js';

export interface EnsembleSettings {
  /** Clusterings per k. */
  readonly members: number;
  readonly kMin: number;
  readonly kMax: number;
  /** Share of reference rows each member sees. */
  readonly itemFraction: number;
  /**
   * Share of source columns each member sees (at least 2, or all when fewer); a categorical column's one-hot
   * indicators are kept or dropped together.
   */
  readonly featureFraction: number;
  /** Source column of each feature (see `FeatureMatrix.groups`); absent = every feature its own column. */
  readonly groups?: Int32Array;
  /** Share of members that are Ward agglomerative instead of k-means. */
  readonly wardShare: number;
  /** k-means members fit on at most this many of their sampled rows, then label the rest by nearest centre. */
  readonly maxFitRows: number;
  /** Ward members link this many rows (O(w²) memory). */
  readonly wardRows: number;
  /** k-means members keep the best (lowest inertia) of this many k-means++ starts (scikit-learn's n_init). */
  readonly restarts: number;
}

/** One base clustering. */
export interface Member {
  readonly k: number;
  readonly algorithm: 'kmeans' | 'ward';
  /** Label per reference row; −1 when the row was not sampled. */
  readonly labels: Int8Array;
  /** Feature indices used. */
  readonly features: Int32Array;
  /** k × features.length centres, to label rows outside the reference. */
  readonly centroids: Float64Array;
}

export interface Ensemble {
  /** Members grouped by k (index k − kMin). */
  readonly byK: readonly (readonly Member[])[];
  readonly kMin: number;
}

/** Largest k an Int8 label store holds. */
export const MAX_K = 100;

/**
 * Fit every member on the reference rows `x` (r × d). Streams: `member/k{k}/{m}`.
 * @example
 * const ens = buildEnsemble(x, r, d, settings, streams(1).child('segment'));
 */
export function buildEnsemble(
  x: Float64Array, r: number, d: number, settings: EnsembleSettings, rngs: Streams,
  onMember: (done: number, total: number) => void = () => {},
): Ensemble {
  const { kMin, kMax, members } = settings;
  if (kMax > MAX_K) throw new Error(`buildEnsemble: kMax ${kMax} exceeds ${MAX_K}`);
  const total = (kMax - kMin + 1) * members;
  const byK: Member[][] = [];
  let done = 0;
  for (let k = kMin; k <= kMax; k++) {
    const list: Member[] = [];
    for (let m = 0; m < members; m++) {
      list.push(fitMember(x, r, d, k, m, settings, rngs.stream(`member/k${k}/${m}`)));
      onMember(++done, total);
    }
    byK.push(list);
  }
  return { byK, kMin };
}

function fitMember(x: Float64Array, r: number, d: number, k: number, m: number, s: EnsembleSettings, rng: Rng): Member {
  const sampleSize = Math.max(k, Math.round(s.itemFraction * r));
  const rows = sampleIndices(rng, r, sampleSize);
  const features = sampleFeatures(d, s.featureFraction, s.groups, rng);
  const nf = features.length;
  const sub = gather(x, d, rows, features);
  // Ward members are spread evenly through the list: member m is Ward when ⌊(m+1)·share⌋ > ⌊m·share⌋.
  const ward = Math.floor((m + 1) * s.wardShare) > Math.floor(m * s.wardShare);
  const fitCount = Math.min(rows.length, ward ? s.wardRows : s.maxFitRows);
  const fitRows = fitCount < rows.length ? sampleIndices(rng, rows.length, fitCount) : undefined;
  const fitData = fitRows ? gather(sub, nf, fitRows) : sub;
  const fit = ward
    ? wardFit(fitData, fitCount, nf, k)
    : { centroids: bestOf(fitData, fitCount, nf, k, s.restarts, rng), labels: undefined };
  const { centroids } = fit;
  // Ward's own labels on the rows it linked (nearest-centre labels would turn its partition into k-means'
  // Voronoi cells); nearest centre only for sampled rows beyond the linked ones
  const assigned = fit.labels && !fitRows ? fit.labels : assignNearest(sub, rows.length, nf, centroids, k);
  if (fit.labels && fitRows) fitRows.forEach((row, j) => { assigned[row] = fit.labels[j]!; });
  const labels = new Int8Array(r).fill(-1);
  for (let i = 0; i < rows.length; i++) labels[rows[i]!] = assigned[i]!;
  return { k, algorithm: ward ? 'ward' : 'kmeans', labels, features, centroids };
}

/** Centres of the lowest-inertia k-means fit among `restarts` k-means++ starts. */
export function bestOf(x: Float64Array, n: number, d: number, k: number, restarts: number, rng: Rng): Float64Array {
  let best: { inertia: number; centroids: Float64Array } | undefined;
  for (let t = 0; t < Math.max(1, restarts); t++) {
    const fit = kmeans(x, n, d, { k, rng });
    if (!best || fit.inertia < best.inertia) best = fit;
  }
  return best!.centroids;
}

/** Features of a random subset of the source columns (whole columns: a one-hot block stays together). */
export function sampleFeatures(d: number, fraction: number, groups: Int32Array | undefined, rng: Rng): Int32Array {
  const g = groups ?? Int32Array.from({ length: d }, (_, i) => i);
  let columns = 0;
  for (const x of g) columns = Math.max(columns, x + 1);
  const take = columns <= 2 ? columns : Math.max(2, Math.round(fraction * columns));
  const chosen = new Uint8Array(columns);
  for (const c of sampleIndices(rng, columns, take)) chosen[c] = 1;
  return Int32Array.from({ length: d }, (_, f) => f).filter((f) => chosen[g[f]!] === 1);
}

/** Ward clustering of w rows cut at k: each row's label and the k cluster means. O(w²·d). */
export function wardFit(x: Float64Array, w: number, d: number, k: number): { labels: Int32Array; centroids: Float64Array } {
  const labels = cutTree(linkage(squaredDistances(x, w, d), w, 'ward'), w, k);
  return { labels, centroids: clusterMeans(x, w, d, labels, k).centres };
}

/**
 * Condensed squared Euclidean distances between the `w` rows of `x` (`d` columns). This loop and the means are
 * functions of their own: V8 optimises a long first loop while it runs and reuses that code on later calls,
 * where code after the loop that had never run failed every time (≈ 80 deoptimisations per segmentation
 * when both were inline, `--trace-deopt`). Four rows j run side by side against row i, each summed over
 * the columns in order (so the values equal a one-pair loop's, bit for bit), with four independent sums in
 * flight: ≈ 2× faster than one pair at a time on the Ward members (480 rows × 26 columns). O(w² d).
 */
function squaredDistances(x: Float64Array, w: number, d: number): Float64Array {
  const dist = new Float64Array((w * (w - 1)) / 2);
  let p = 0; // condensed order: pair (i, j) follows (i, j − 1)
  for (let i = 0; i < w; i++) {
    const oi = i * d;
    let j = i + 1;
    for (; j + 3 < w; j += 4, p += 4) {
      const o0 = j * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let f = 0; f < d; f++) {
        const xi = x[oi + f]!;
        const t0 = xi - x[o0 + f]!, t1 = xi - x[o1 + f]!, t2 = xi - x[o2 + f]!, t3 = xi - x[o3 + f]!;
        s0 += t0 * t0; s1 += t1 * t1; s2 += t2 * t2; s3 += t3 * t3;
      }
      dist[p] = s0; dist[p + 1] = s1; dist[p + 2] = s2; dist[p + 3] = s3;
    }
    for (; j < w; j++, p++) {
      const oj = j * d;
      let s = 0;
      for (let f = 0; f < d; f++) { const t = x[oi + f]! - x[oj + f]!; s += t * t; }
      dist[p] = s;
    }
  }
  return dist;
}
