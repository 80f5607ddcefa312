/**
 * R-7 quantiles of unsorted values by selection (three-way quickselect on the order statistics each quantile
 * reads) instead of a full sort: equal, bit for bit, to {@link quantileSorted} on the sorted values, because
 * R-7 reads only the order statistics ⌊(n−1)p⌋ and ⌈(n−1)p⌉. Used where many quantiles of large groups are
 * needed (segment profiles at 1M rows: a typed-array sort per segment and column took ~20 ms per 125k values).
 * Cost: O(n) expected per call (a few partition passes), O(n log n) worst case (falls back to sorting a
 * range after 2·log₂ n unbalanced partitions). Deterministic: the pivot is the median of three, no randomness.
 */
import { quantileSorted } from './quantile.js';

/** Ranges at most this long are finished by insertion sort. */
const SMALL_RANGE = 16;

/**
 * Quantiles `ps` (each in [0, 1]) of `values`, which must hold no NaN; NaN for each p when empty. Reorders
 * `values` in place (pass a scratch copy). O(n·|ps|) worst case of the expected bound, typically ≈ 2–3 n.
 * @example
 * quantilesInPlace(Float64Array.of(4, 1, 3, 2), [0.25, 0.5]); // [1.75, 2.5]
 */
export function quantilesInPlace(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return ps.map(() => Number.NaN);
  const wanted = [...new Set(ps.flatMap((p) => {
    if (!(p >= 0 && p <= 1)) throw new Error(`quantilesInPlace: p must be in [0, 1], got ${p}`);
    const h = (n - 1) * p;
    return [Math.floor(h), Math.ceil(h)];
  }))].sort((a, b) => a - b);
  selectMany(values, 0, n - 1, wanted, 2 * Math.ceil(Math.log2(n + 1)));
  // every index quantileSorted reads is now in its sorted place: a view over them is the sorted array
  return ps.map((p) => quantileSorted(values, p));
}

/** Put the order statistics `wanted` (ascending, all within [lo, hi]) in their sorted places. */
function selectMany(a: Float64Array, lo: number, hi: number, wanted: readonly number[], depth: number): void {
  if (wanted.length === 0 || hi <= lo) return;
  if (hi - lo < SMALL_RANGE) { insertionSort(a, lo, hi); return; }
  if (depth === 0) { a.subarray(lo, hi + 1).sort(); return; }
  const pivot = medianOfThree(a[lo]!, a[(lo + hi) >>> 1]!, a[hi]!);
  // Dijkstra's three-way partition: [lo, lt) < pivot, [lt, gt] = pivot, (gt, hi] > pivot
  let lt = lo, gt = hi, i = lo;
  while (i <= gt) {
    const v = a[i]!;
    if (v < pivot) { a[i] = a[lt]!; a[lt] = v; lt++; i++; }
    else if (v > pivot) { a[i] = a[gt]!; a[gt] = v; gt--; }
    else i++;
  }
  selectMany(a, lo, lt - 1, wanted.filter((w) => w < lt), depth - 1);
  selectMany(a, gt + 1, hi, wanted.filter((w) => w > gt), depth - 1);
}

function medianOfThree(x: number, y: number, z: number): number {
  return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) { a[j + 1] = a[j]!; j--; }
    a[j + 1] = v;
  }
}
