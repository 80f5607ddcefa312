/**
 * Consensus functions: turn the members of one k into a single partition of the reference rows.
 *
 * - `exact` — evidence accumulation (Fred & Jain 2005; Monti et al. 2003): the co-association
 *   M(i, j) = (# members putting i and j together) / (# members sampling both), average linkage on 1 − M,
 *   cut at k. O(r²·members) time, O(r²) memory: small r only.
 * - `micro` — the same, between micro-clusters: the reference rows are over-clustered into c ≪ r groups
 *   and the block co-association between groups a and b, Σₘ Σₗ hₘ(a,l)·hₘ(b,l) / Σₘ sₘ(a)·sₘ(b) (hₘ(a,l) =
 *   rows of a that member m labels l, sₘ(a) = rows of a it sampled), is exactly the mean of M over the
 *   row pairs of the two blocks. Size-weighted average linkage on those blocks equals row-level average
 *   linkage constrained to keep each micro-cluster whole. Never builds an r × r matrix:
 *   O(r·members + c²·k·members) time, O(c²) memory.
 */
import type { Member } from './ensemble.js';
import { MAX_K } from './ensemble.js';
import { cutTree, cutTreeIgnoringSmall, linkage } from './linkage.js';

export type ConsensusMethod = 'exact' | 'micro';

/** Co-association counts of every pair of reference rows, in condensed order (pair (i, j), i < j, at
 * `condensedIndex(r, i, j)`). */
export interface CoAssociation {
  /** Members that sampled both rows. */
  readonly both: Uint16Array;
  /** Members that sampled both rows and put them in one cluster. */
  readonly together: Uint16Array;
}

/**
 * Co-association counts of the `r` reference rows over `members` (at most 65 535 of them). Each row's labels
 * in every member are packed side by side, four to a 32-bit word as label + 1 (0 = not sampled, labels stay
 * below 128 as k ≤ {@link MAX_K}), and a pair is counted a word at a time: "both sampled" is "both bytes
 * non-zero", "together" is that and "bytes equal" (a SWAR byte test, ≈ 4× faster than a loop per member,
 * which itself was ≈ 2× faster than the earlier pass over both count arrays per member).
 * O(r²·members / 4) time, 4 bytes a pair.
 * @example
 * const { both, together } = coAssociation(members, 600); // 179 700 pairs
 */
export function coAssociation(members: readonly Member[], r: number): CoAssociation {
  const mCount = members.length;
  if (mCount > 0xffff) throw new Error(`coAssociation: ${mCount} members overflow the 16-bit counts`);
  const words = (mCount + 3) >> 2;
  const packed = new Int32Array(r * words);
  for (let m = 0; m < mCount; m++) {
    const { labels: l, k } = members[m]!;
    if (k > MAX_K) throw new Error(`coAssociation: member ${m} has k = ${k} > ${MAX_K}`);
    const w = m >> 2, shift = (m & 3) * 8;
    for (let i = 0; i < r; i++) packed[i * words + w]! |= (l[i]! + 1) << shift;
  }
  const pairs = (r * (r - 1)) / 2;
  const both = new Uint16Array(pairs), together = new Uint16Array(pairs);
  let p = 0;
  for (let i = 0; i < r; i++) {
    const oi = i * words;
    for (let j = i + 1; j < r; j++, p++) {
      const oj = j * words;
      let b = 0, t = 0;
      for (let w = 0; w < words; w++) {
        const x = packed[oi + w]!, y = packed[oj + w]!;
        const sampled = nonZeroBytes(x) & nonZeroBytes(y);
        b += byteCount(sampled);
        t += byteCount(sampled & ~nonZeroBytes(x ^ y));
      }
      both[p] = b;
      together[p] = t;
    }
  }
  return { both, together };
}

/** Bit 0 of each byte of `v` (bytes below 128) set when that byte is non-zero. */
function nonZeroBytes(v: number): number {
  return (((v & 0x7f7f7f7f) + 0x7f7f7f7f) & 0x80808080) >>> 7;
}

/** Number of bytes of `v` whose bit 0 is set (`v` holds only those bits). */
function byteCount(v: number): number {
  return Math.imul(v, 0x01010101) >>> 24;
}

/**
 * Exact evidence-accumulation consensus of `r` rows at `k` clusters. With `minSize`, clusters lighter than
 * that are not counted towards k and their rows come back labelled −1 (see {@link cutTreeIgnoringSmall}).
 * Pass `counts` when the members' {@link coAssociation} is already at hand.
 * @example
 * exactConsensus(members, 1200, 6); // Int32Array of 1200 labels in 0..5
 */
export function exactConsensus(members: readonly Member[], r: number, k: number, minSize = 0, counts = coAssociation(members, r)): Int32Array {
  const { both, together } = counts;
  const pairs = (r * (r - 1)) / 2;
  if (both.length !== pairs) throw new Error(`exactConsensus: counts hold ${both.length} pairs, ${r} rows have ${pairs}`);
  const dist = new Float64Array(pairs);
  for (let p = 0; p < pairs; p++) dist[p] = both[p]! > 0 ? 1 - together[p]! / both[p]! : 1;
  const merges = linkage(dist, r, 'average');
  return minSize > 1 ? cutTreeIgnoringSmall(merges, r, k, new Float64Array(r).fill(1), minSize) : cutTree(merges, r, k);
}

/**
 * Block co-association between micro-clusters (c × c, full, row-major) for one k's members.
 * Diagonal entries use pairs of distinct rows. O(r·members + c²·k·members).
 */
export function microCoAssociation(members: readonly Member[], micro: Int32Array, c: number, k: number): Float64Array {
  const r = micro.length;
  const num = new Float64Array(c * c);
  const den = new Float64Array(c * c);
  const h = new Float64Array(c * k);
  const s = new Float64Array(c);
  for (const m of members) {
    h.fill(0); s.fill(0);
    for (let i = 0; i < r; i++) {
      const l = m.labels[i]!;
      if (l < 0) continue;
      h[micro[i]! * k + l]!++;
      s[micro[i]!]!++;
    }
    for (let a = 0; a < c; a++) {
      if (s[a] === 0) continue;
      for (let b = a; b < c; b++) {
        if (s[b] === 0) continue;
        let t = 0;
        for (let l = 0; l < k; l++) t += h[a * k + l]! * h[b * k + l]!;
        if (a === b) { num[a * c + a]! += t - s[a]!; den[a * c + a]! += s[a]! * (s[a]! - 1); }
        else { num[a * c + b]! += t; den[a * c + b]! += s[a]! * s[b]!; }
      }
    }
  }
  const out = new Float64Array(c * c);
  for (let a = 0; a < c; a++) {
    for (let b = a; b < c; b++) {
      const v = den[a * c + b]! > 0 ? num[a * c + b]! / den[a * c + b]! : a === b ? 1 : 0;
      out[a * c + b] = v;
      out[b * c + a] = v;
    }
  }
  return out;
}

/**
 * Micro-cluster consensus of the reference rows at `k` clusters.
 * @param micro micro-cluster of each reference row, 0..c−1 (every group non-empty)
 * @returns consensus label per micro-cluster and per reference row
 */
export function microConsensus(members: readonly Member[], micro: Int32Array, c: number, k: number, minSize = 0): { microLabels: Int32Array; labels: Int32Array } {
  if (k > c) throw new Error(`microConsensus: k = ${k} exceeds the ${c} micro-clusters`);
  const co = microCoAssociation(members, micro, c, k);
  const sizes = new Float64Array(c);
  for (const g of micro) sizes[g]!++;
  const dist = new Float64Array((c * (c - 1)) / 2);
  let p = 0;
  for (let a = 0; a < c; a++) for (let b = a + 1; b < c; b++) dist[p++] = 1 - co[a * c + b]!;
  const merges = linkage(dist, c, 'average', sizes);
  const microLabels = minSize > 1 ? cutTreeIgnoringSmall(merges, c, k, sizes, minSize) : cutTree(merges, c, k);
  return { microLabels, labels: Int32Array.from(micro, (g) => microLabels[g]!) };
}
