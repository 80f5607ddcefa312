/**
 * Cluster stability by independent refits on bootstrap resamples (Hennig 2007, "clusterboot"): for each
 * resample (rows drawn with replacement, fresh random streams, never the ensemble members that built the
 * consensus) the base clustering is refitted at the same k, and each consensus segment scores its best
 * Jaccard match among the refit's clusters, both restricted to the distinct rows drawn. A segment's
 * stability is the mean over resamples. The refits mix algorithms as the ensemble does (k-means with two
 * k-means++ starts, and a Ward share on a subsample), so a segment that only one algorithm produces is not
 * counted stable.
 *
 * Cost per k: O(B·(f·d·k·iterations + w²·d + r·d·k)) for B resamples, f ≤ `maxFitRows` fitted rows, Ward on
 * w = `wardRows` rows. Memory O(r·d) for one resample.
 */
import type { Rng, Streams } from '../random/index.js';
import { sampleIndices } from '../random/index.js';
import { bestOf, wardFit } from './ensemble.js';
import { assignNearest, gather } from './kmeans.js';

export interface BootstrapSettings {
  /** Bootstrap resamples per k (Hennig's B). */
  readonly resamples: number;
  /** Share of refits that are Ward agglomerative (the rest k-means), as in the ensemble. */
  readonly wardShare: number;
  /** k-means refits fit on at most this many of the drawn rows. */
  readonly maxFitRows: number;
  /** Ward refits link this many of the drawn rows. */
  readonly wardRows: number;
}

/**
 * Rows drawn per resample at most (m-out-of-n bootstrap beyond it): the refits at 20,000 reference rows took
 * longer than the ensemble itself; 2,000 rows still give a segment holding ≥ 2% of rows ≥ 40 rows.
 */
export const BOOTSTRAP_MAX_ROWS = 2000;

/** k-means starts per refit: the better of two avoids scoring a poor local optimum as instability. */
const REFIT_STARTS = 2;

/**
 * Mean best Jaccard of each of the `k` segments of `labels` (the consensus partition of the r rows of `x`)
 * across bootstrap refits. Streams `boot/k{k}/{b}`.
 * @example
 * bootstrapStability(x, 300, 4, labels, 3, { resamples: 20, wardShare: 0.2, maxFitRows: 10000, wardRows: 800 }, rngs);
 */
export function bootstrapStability(
  x: Float64Array, r: number, d: number, labels: Int32Array, k: number, settings: BootstrapSettings, rngs: Streams,
): Float64Array {
  const total = new Float64Array(k), used = new Float64Array(k);
  for (let b = 0; b < settings.resamples; b++) {
    const rng = rngs.stream(`boot/k${k}/${b}`);
    const drawn = drawWithReplacement(rng, r, Math.min(r, BOOTSTRAP_MAX_ROWS));
    const ward = Math.floor((b + 1) * settings.wardShare) > Math.floor(b * settings.wardShare);
    const refit = refitLabels(x, d, drawn, k, ward, settings, rng);
    const best = bestJaccard(labels, k, refit, k);
    for (let c = 0; c < k; c++) if (!Number.isNaN(best[c]!)) { total[c]! += best[c]!; used[c]!++; }
  }
  return total.map((t, c) => (used[c]! > 0 ? t / used[c]! : Number.NaN));
}

/** m row indices of r drawn uniformly with replacement. O(m). */
function drawWithReplacement(rng: Rng, r: number, m: number): Int32Array {
  const out = new Int32Array(m);
  for (let i = 0; i < r; i++) out[i] = Math.floor(rng.next() * r);
  return out;
}

/**
 * Fit at k on the drawn rows (duplicates count twice, as in a bootstrap) and label every distinct drawn row by
 * its nearest centre; rows not drawn are −1.
 */
function refitLabels(
  x: Float64Array, d: number, drawn: Int32Array, k: number, ward: boolean, s: BootstrapSettings, rng: Rng,
): Int32Array {
  const n = drawn.length;
  const cap = ward ? s.wardRows : s.maxFitRows;
  const fitRows = n > cap ? Int32Array.from(sampleIndices(rng, n, cap), (i) => drawn[i]!) : drawn;
  const fitData = gather(x, d, fitRows);
  const fit = ward
    ? wardFit(fitData, fitRows.length, d, k)
    : { centroids: bestOf(fitData, fitRows.length, d, k, REFIT_STARTS, rng), labels: undefined };
  const distinct = Int32Array.from(new Set(drawn)).sort();
  const assigned = assignNearest(gather(x, d, distinct), distinct.length, d, fit.centroids, k);
  const out = new Int32Array(x.length / d).fill(-1);
  distinct.forEach((row, i) => { out[row] = assigned[i]!; });
  // a Ward refit keeps its own labels on the rows it linked (duplicates of a row merge first: one label)
  if (fit.labels) fitRows.forEach((row, j) => { out[row] = fit.labels[j]!; });
  return out;
}

/**
 * For each cluster of `a` (labels 0..ka−1), the largest Jaccard index with a cluster of `b` over the rows
 * labelled in `b` (b = −1: row left out); NaN for a cluster with no such row. O(n + ka·kb).
 * @example
 * bestJaccard(Int32Array.of(0, 0, 1, 1), 2, Int32Array.of(0, 0, 0, 1), 2); // [2/3, 1/2]
 */
export function bestJaccard(a: Int32Array, ka: number, b: Int32Array, kb: number): Float64Array {
  const inter = new Float64Array(ka * kb), sizeA = new Float64Array(ka), sizeB = new Float64Array(kb);
  for (let i = 0; i < a.length; i++) {
    const l = b[i]!;
    if (l < 0) continue;
    inter[a[i]! * kb + l]!++;
    sizeA[a[i]!]!++;
    sizeB[l]!++;
  }
  const out = new Float64Array(ka);
  for (let c = 0; c < ka; c++) {
    if (sizeA[c] === 0) { out[c] = Number.NaN; continue; }
    let best = 0;
    for (let l = 0; l < kb; l++) {
      const both = inter[c * kb + l]!;
      best = Math.max(best, both / (sizeA[c]! + sizeB[l]! - both));
    }
    out[c] = best;
  }
  return out;
}
