/**
 * Agglomerative clustering by the nearest-neighbour chain algorithm (Murtagh 1983; Müllner 2011) on a
 * condensed distance matrix, with Lance–Williams updates for average linkage (UPGMA) and Ward. Both are
 * reducible, so the chain finds the same merges as the naive O(n³) algorithm in O(n²) time.
 * Points may carry weights (sizes): a point of weight w behaves like w coincident points, which is how
 * micro-clusters are linked in the scalable consensus.
 */

export type LinkageMethod = 'average' | 'ward';

export interface Merge {
  /** Representative indices of the two clusters merged (cluster ids are their smallest original point). */
  readonly a: number;
  readonly b: number;
  readonly height: number;
}

/** Index of pair (i, j), i ≠ j, in a condensed upper-triangular matrix of n points. */
export function condensedIndex(n: number, i: number, j: number): number {
  if (i > j) { const t = i; i = j; j = t; }
  return i * n - (i * (i + 1)) / 2 + j - i - 1;
}

/**
 * Merges of a hierarchical clustering, sorted by height (ties by order found). The distance matrix is
 * consumed (overwritten). For Ward pass squared Euclidean distances. O(n²) time, no extra O(n²) memory.
 * @example
 * // three points on a line at 0, 1, 5
 * linkage(Float64Array.from([1, 5, 4]), 3, 'average'); // [{a:0,b:1,height:1}, {a:0,b:2,height:4.5}]
 */
export function linkage(dist: Float64Array, n: number, method: LinkageMethod, weights?: ArrayLike<number>): Merge[] {
  if (dist.length !== (n * (n - 1)) / 2) throw new Error(`linkage: expected ${(n * (n - 1)) / 2} distances for n = ${n}, got ${dist.length}`);
  const size = new Float64Array(n);
  for (let i = 0; i < n; i++) size[i] = weights ? weights[i]! : 1;
  const active = new Uint8Array(n).fill(1);
  const chain = new Int32Array(n);
  // pair (a, b), a < b, sits at row[a] + b (condensedIndex without its swap and multiplications)
  const row = new Int32Array(n);
  for (let a = 0; a < n; a++) row[a] = condensedIndex(n, a, a + 1) - a - 1;
  let chainLength = 0;
  const merges: { a: number; b: number; height: number; order: number }[] = [];
  let remaining = n;
  let nextStart = 0;
  while (remaining > 1) {
    if (chainLength === 0) {
      while (!active[nextStart]) nextStart++;
      chain[chainLength++] = nextStart;
    }
    const top = chain[chainLength - 1]!;
    const prev = chainLength > 1 ? chain[chainLength - 2]! : -1;
    // Nearest active neighbour of `top`; prefer `prev` on ties so the chain terminates. Columns before `top`
    // step down the triangle, those after it are one contiguous run of its row.
    let best = prev, bestDist = prev >= 0 ? dist[condensedIndex(n, top, prev)]! : Infinity;
    for (let j = 0; j < top; j++) {
      if (!active[j]) continue;
      const dj = dist[row[j]! + top]!;
      if (dj < bestDist) { bestDist = dj; best = j; }
    }
    for (let j = top + 1, at = row[top]!; j < n; j++) {
      if (!active[j]) continue;
      const dj = dist[at + j]!;
      if (dj < bestDist) { bestDist = dj; best = j; }
    }
    if (best !== prev) { chain[chainLength++] = best; continue; }
    // top and prev are reciprocal nearest neighbours: merge prev into the smaller index.
    chainLength -= 2;
    const i = Math.min(top, prev), j = Math.max(top, prev);
    merges.push({ a: i, b: j, height: method === 'ward' ? Math.sqrt(Math.max(0, bestDist)) : bestDist, order: merges.length });
    const si = size[i]!, sj = size[j]!;
    for (let m = 0; m < n; m++) {
      if (!active[m] || m === i || m === j) continue;
      const im = m < i ? row[m]! + i : row[i]! + m, jm = m < j ? row[m]! + j : row[j]! + m;
      if (method === 'average') {
        dist[im] = (si * dist[im]! + sj * dist[jm]!) / (si + sj);
      } else {
        const sm = size[m]!;
        dist[im] = ((si + sm) * dist[im]! + (sj + sm) * dist[jm]! - sm * bestDist) / (si + sj + sm);
      }
    }
    size[i] = si + sj;
    active[j] = 0;
    remaining--;
  }
  merges.sort(byHeightThenOrder);
  return merges.map(({ a, b, height }) => ({ a, b, height }));
}

/**
 * Cut a dendrogram into `k` clusters: apply the n − k lowest merges. Labels are 0..k−1 in order of each
 * cluster's first point. O(n·α(n)).
 * @example
 * cutTree(linkage(Float64Array.from([1, 5, 4]), 3, 'average'), 3, 2); // Int32Array [0, 0, 1]
 */
export function cutTree(merges: readonly Merge[], n: number, k: number): Int32Array {
  if (k < 1 || k > n) throw new Error(`cutTree: k = ${k} outside 1..${n}`);
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) { parent[i] = parent[parent[i]!]!; i = parent[i]!; }
    return i;
  };
  for (let m = 0; m < n - k; m++) {
    const r1 = find(merges[m]!.a), r2 = find(merges[m]!.b);
    if (r1 !== r2) parent[Math.max(r1, r2)] = Math.min(r1, r2);
  }
  const labels = new Int32Array(n);
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let l = map.get(r);
    if (l === undefined) { l = map.size; map.set(r, l); }
    labels[i] = l;
  }
  return labels;
}

/**
 * Cut so that exactly `k` clusters weigh at least `minWeight`: the first cut, from k clusters upwards, with k
 * such clusters. Rows of lighter clusters (outliers average linkage isolates) get label −1, to be attached to
 * the segment they are most often co-clustered with. Falls back to the plain cut at k. O(n²) worst case.
 */
export function cutTreeIgnoringSmall(merges: readonly Merge[], n: number, k: number, weights: ArrayLike<number>, minWeight: number): Int32Array {
  for (let kk = k; kk <= n; kk++) {
    const labels = cutTree(merges, n, kk);
    const w = new Float64Array(kk);
    for (let i = 0; i < n; i++) w[labels[i]!]! += weights[i]!;
    const big = Array.from(w, (x, c) => (x >= minWeight ? c : -1)).filter((c) => c >= 0);
    if (big.length < k) continue;
    if (big.length > k) break;
    const rank = new Int32Array(kk).fill(-1);
    for (let r = 0; r < big.length; r++) rank[big[r]!] = r;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = rank[labels[i]!]!;
    return out;
  }
  return cutTree(merges, n, k);
}

/** Merge order: by height, ties in the order the merges were made (a module-level comparator: compiled once). */
function byHeightThenOrder(p: { height: number; order: number }, q: { height: number; order: number }): number {
  return p.height - q.height || p.order - q.order;
}
