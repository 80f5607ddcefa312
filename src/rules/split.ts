/**
 * Stratified held-out split: the same share of every segment is held out, so small segments are measured too.
 */
import type { Rng } from '../random/index.js';
import { shuffled } from '../random/index.js';

export interface Split {
  /** Rows the rules are fit on, increasing. */
  readonly fit: Int32Array;
  /** Rows held out for honest metrics, increasing (empty when the share is 0). */
  readonly holdout: Int32Array;
}

/**
 * Hold out round(share × size) rows of each segment, always keeping at least one row of each segment in the fit.
 * O(n).
 * @example
 * const { fit, holdout } = stratifiedSplit(codes, 6, 0.3, streams(42).stream('rules/split'));
 */
export function stratifiedSplit(codes: Int32Array, nSegments: number, share: number, rng: Rng): Split {
  if (!(share >= 0 && share < 1)) throw new Error(`stratifiedSplit: share must be in [0, 1), got ${share}`);
  const bySegment: number[][] = Array.from({ length: nSegments }, () => []);
  codes.forEach((c, r) => bySegment[c]!.push(r));
  const isHoldout = new Uint8Array(codes.length);
  for (const rows of bySegment) {
    const k = Math.min(rows.length - 1, Math.round(share * rows.length));
    for (const r of shuffled(rng, rows).slice(0, Math.max(0, k))) isHoldout[r] = 1;
  }
  const fit: number[] = [];
  const holdout: number[] = [];
  isHoldout.forEach((h, r) => (h ? holdout : fit).push(r));
  return { fit: Int32Array.from(fit), holdout: Int32Array.from(holdout) };
}
