/**
 * Inner folds for model choice: the fit rows (never the held-out ones) dealt into k folds stratified by segment,
 * on at most `maxRows` rows.
 *
 * Cost: O(repeats × n).
 */
import type { Rng } from '../random/index.js';
import { shuffled } from '../random/index.js';
import type { InnerFolds } from './types.js';

/**
 * Folds stratified by segment: each segment's rows are shuffled and dealt round-robin into `k` folds; above
 * `maxRows` fit rows, a stratified sample of `maxRows` is used. With `repeats` > 1 this is done again with fresh
 * shuffles and the folds are listed one repeat after another. O(repeats × n).
 * @example
 * const folds = innerFolds(codes, split.fit, 5, 20_000, rngs.stream('inner'));
 */
export function innerFolds(
  codes: Int32Array, fitRows: Int32Array, k: number, maxRows: number, rng: Rng, repeats = 1,
): InnerFolds {
  if (!(k >= 2)) throw new Error(`innerFolds: need at least 2 folds, got ${k}`);
  const bySegment = new Map<number, number[]>();
  for (const r of fitRows) {
    const list = bySegment.get(codes[r]!) ?? [];
    list.push(r);
    bySegment.set(codes[r]!, list);
  }
  const share = Math.min(1, maxRows / fitRows.length);
  const fold = new Int32Array(codes.length);
  const train: Int32Array[] = [];
  const valid: Int32Array[] = [];
  for (let rep = 0; rep < repeats; rep++) {
    fold.fill(-1);
    let dealt = 0;
    for (const s of [...bySegment.keys()].sort((a, b) => a - b)) {
      const rows = shuffled(rng, bySegment.get(s)!);
      const take = share < 1 ? Math.max(1, Math.round(share * rows.length)) : rows.length;
      // Deal continues across segments so small segments do not all land in fold 0.
      for (const r of rows.slice(0, take)) fold[r] = dealt++ % k;
    }
    for (let f = 0; f < k; f++) {
      train.push(fitRows.filter((r) => fold[r]! >= 0 && fold[r] !== f));
      valid.push(fitRows.filter((r) => fold[r] === f));
    }
  }
  return { train, valid, k };
}
