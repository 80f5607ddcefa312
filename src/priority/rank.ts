/**
 * Ranking with deterministic tie-breaking, and Kendall's tau-b between two scorings.
 */

export interface Ranking {
  /** Row indices of the ranked patients, best first. */
  readonly order: Int32Array;
  /** 1-based rank per row; 0 for rows not ranked (ineligible). */
  readonly rank: Int32Array;
}

/**
 * Rank the rows with `include[i] === 1` by score, highest first; ties broken by patient id (ascending, by
 * UTF-16 code units), so the order does not depend on row order. O(m log m) for m ranked rows.
 * @example
 * rankByScore(Float64Array.of(5, 9, 5), Uint8Array.of(1, 1, 1), ['b', 'c', 'a']).order; // [1, 2, 0]
 */
export function rankByScore(score: Float64Array, include: Uint8Array, ids: readonly string[]): Ranking {
  const n = score.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += include[i]!;
  const order = new Int32Array(m);
  for (let i = 0, k = 0; i < n; i++) if (include[i]) order[k++] = i;
  order.sort((a, b) => {
    const d = score[b]! - score[a]!;
    if (d !== 0) return d;
    const ia = ids[a]!;
    const ib = ids[b]!;
    return ia < ib ? -1 : ia > ib ? 1 : a - b;
  });
  const rank = new Int32Array(n);
  for (let k = 0; k < m; k++) rank[order[k]!] = k + 1;
  return { order, rank };
}

/**
 * Kendall's tau-b between paired values x and y (ties handled), by Knight's O(n log n) algorithm: sort by
 * (x, y), count tied pairs, then count discordant pairs as merge-sort swaps on y. NaN when a variable is constant.
 * @example
 * kendallTauB(Float64Array.of(1, 2, 3), Float64Array.of(1, 3, 2)); // 1/3
 */
export function kendallTauB(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  if (y.length !== n) throw new Error(`kendallTauB: lengths differ (${n} vs ${y.length})`);
  if (n < 2) return Number.NaN;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => x[a]! - x[b]! || y[a]! - y[b]!);
  const n0 = (n * (n - 1)) / 2;
  let tiesX = 0;
  let tiesXY = 0;
  for (let i = 1, runX = 1, runXY = 1; i <= n; i++) {
    const sameX = i < n && x[idx[i]!] === x[idx[i - 1]!];
    const sameXY = sameX && y[idx[i]!] === y[idx[i - 1]!];
    if (sameX) runX++;
    else {
      tiesX += (runX * (runX - 1)) / 2;
      runX = 1;
    }
    if (sameXY) runXY++;
    else {
      tiesXY += (runXY * (runXY - 1)) / 2;
      runXY = 1;
    }
  }
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) ys[i] = y[idx[i]!]!;
  const swaps = mergeCountSwaps(ys);
  let tiesY = 0;
  for (let i = 1, run = 1; i <= n; i++) {
    if (i < n && ys[i] === ys[i - 1]) run++;
    else {
      tiesY += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  // concordant − discordant = n0 − n1 − n2 + n3 − 2·swaps (Knight 1966)
  const num = n0 - tiesX - tiesY + tiesXY - 2 * swaps;
  const den = Math.sqrt((n0 - tiesX) * (n0 - tiesY));
  return den > 0 ? num / den : Number.NaN;
}

/** Sort `a` ascending in place (bottom-up merge sort) and return the number of inversions. O(n log n). */
function mergeCountSwaps(a: Float64Array): number {
  const n = a.length;
  let src: Float64Array = a;
  let dst: Float64Array = new Float64Array(n);
  let swaps = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (src[j]! < src[i]!) {
          swaps += mid - i;
          dst[k++] = src[j++]!;
        } else dst[k++] = src[i++]!;
      }
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== a) a.set(src);
  return swaps;
}
