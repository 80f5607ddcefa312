/**
 * Diagnostics for choosing k, all computed from the members' label vectors without an r × r matrix:
 * consensus values on sampled pairs (→ PAC, consensus CDF and its area) and per-item consensus (confidence).
 * Segment stability comes from independent bootstrap refits instead (bootstrap.ts).
 */
import type { Rng } from '../random/index.js';
import type { CoAssociation } from './consensus.js';
import type { Member } from './ensemble.js';

/** PAC's ambiguity window (Șenbabaoğlu et al. 2014): consensus values strictly inside (0.1, 0.9). */
export const PAC_LOWER = 0.1;
export const PAC_UPPER = 0.9;

export interface PairSample {
  readonly i: Int32Array;
  readonly j: Int32Array;
  /** True when every pair of rows is included (the values are then exact, not estimates). */
  readonly exhaustive: boolean;
}

/** True when all r·(r − 1)/2 pairs of `r` rows fit in `maxPairs`: {@link samplePairs} then takes every pair. */
export function allPairsFit(r: number, maxPairs: number): boolean {
  return (r * (r - 1)) / 2 <= maxPairs;
}

/** All pairs when there are at most `maxPairs`, else `maxPairs` uniform random pairs of distinct rows. */
export function samplePairs(r: number, maxPairs: number, rng: Rng): PairSample {
  if (allPairsFit(r, maxPairs)) {
    const all = (r * (r - 1)) / 2;
    const i = new Int32Array(all), j = new Int32Array(all);
    let p = 0;
    for (let a = 0; a < r; a++) for (let b = a + 1; b < r; b++, p++) { i[p] = a; j[p] = b; }
    return { i, j, exhaustive: true };
  }
  const i = new Int32Array(maxPairs), j = new Int32Array(maxPairs);
  for (let p = 0; p < maxPairs; p++) {
    const a = Math.floor(rng.next() * r);
    let b = Math.floor(rng.next() * (r - 1));
    if (b >= a) b++;
    i[p] = a; j[p] = b;
  }
  return { i, j, exhaustive: false };
}

/** Consensus value M(i, j) of each sampled pair (NaN when no member sampled both). O(pairs·members). */
export function pairConsensus(members: readonly Member[], pairs: PairSample): Float64Array {
  const n = pairs.i.length;
  const together = new Float64Array(n), both = new Float64Array(n);
  for (const m of members) {
    const l = m.labels;
    for (let p = 0; p < n; p++) {
      const a = l[pairs.i[p]!]!, b = l[pairs.j[p]!]!;
      if (a < 0 || b < 0) continue;
      both[p]!++;
      if (a === b) together[p]!++;
    }
  }
  const out = new Float64Array(n);
  for (let p = 0; p < n; p++) out[p] = both[p]! > 0 ? together[p]! / both[p]! : Number.NaN;
  return out;
}

/**
 * Consensus value M(i, j) of every pair, in condensed order (= the order of an exhaustive {@link samplePairs}),
 * from the members' co-association counts: the same values {@link pairConsensus} gives for those pairs. O(pairs).
 * @example
 * consensusValues(coAssociation(members, r)); // pairConsensus(members, samplePairs(r, Infinity, rng))
 */
export function consensusValues(counts: CoAssociation): Float64Array {
  const { both, together } = counts;
  const out = new Float64Array(both.length);
  for (let p = 0; p < out.length; p++) out[p] = both[p]! > 0 ? together[p]! / both[p]! : Number.NaN;
  return out;
}

/**
 * Proportion of ambiguous clustering: share of pairs with consensus in (0.1, 0.9). Lower is more stable.
 * @example
 * pac(Float64Array.from([0, 0.5, 1, 1])); // 0.25
 */
export function pac(values: Float64Array, lower = PAC_LOWER, upper = PAC_UPPER): number {
  let ambiguous = 0, count = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    count++;
    if (v > lower && v < upper) ambiguous++;
  }
  return count ? ambiguous / count : Number.NaN;
}

/**
 * Area under the empirical consensus CDF on [0, 1]; for a step CDF this is exactly 1 − mean(M).
 * @example
 * cdfArea(Float64Array.from([0, 1])); // 0.5
 */
export function cdfArea(values: Float64Array): number {
  let s = 0, count = 0;
  for (const v of values) if (!Number.isNaN(v)) { s += v; count++; }
  return count ? 1 - s / count : Number.NaN;
}

/** Empirical CDF of the consensus values at `points` evenly spaced thresholds in [0, 1]. */
export function consensusCdf(values: Float64Array, points = 11): number[] {
  // One pass, no copies: each value counts at the first threshold it is under and at every later one (the
  // thresholds increase). The pair sample runs to hundreds of thousands of values per k.
  const firstAt = new Float64Array(points + 1);
  let n = 0;
  for (let j = 0; j < values.length; j++) {
    const v = values[j]!;
    if (Number.isNaN(v)) continue;
    n++;
    let t = 0;
    while (t < points && !(v <= t / (points - 1) + 1e-12)) t++;
    firstAt[t]!++;
  }
  const out: number[] = [];
  let below = 0;
  for (let t = 0; t < points; t++) {
    below += firstAt[t]!;
    out.push(n ? below / n : Number.NaN);
  }
  return out;
}

/**
 * Share, per member and consensus cluster C, of C's sampled rows that the member labels l:
 * q[m][C·km + l] = hₘ(C, l) / sₘ(C), with the row counts kept for self-exclusion.
 */
export function clusterLabelShares(members: readonly Member[], labels: Int32Array, k: number, skipUnlabelled = false): { h: Float64Array[]; s: Float64Array[] } {
  // plain loops, no callbacks: called per k and per reassignment round, and a callback made per call is
  // recompiled by the JIT each time
  const h: Float64Array[] = [];
  const s: Float64Array[] = [];
  for (const m of members) {
    const hm = new Float64Array(k * m.k);
    const sm = new Float64Array(k);
    const ml = m.labels;
    for (let i = 0; i < labels.length; i++) {
      if (ml[i]! < 0 || (skipUnlabelled && labels[i]! < 0)) continue;
      hm[labels[i]! * m.k + ml[i]!]!++;
      sm[labels[i]!]!++;
    }
    h.push(hm);
    s.push(sm);
  }
  return { h, s };
}

/**
 * Item consensus (Monti et al.): for a reference row i in cluster C, the mean over members that sampled i of
 * the share of C's other sampled rows the member put with i. O(r·members).
 */
export function itemConsensus(members: readonly Member[], labels: Int32Array, k: number): Float64Array {
  const { h, s } = clusterLabelShares(members, labels, k);
  const r = labels.length;
  const sum = new Float64Array(r), count = new Float64Array(r);
  for (let mi = 0; mi < members.length; mi++) {
    const m = members[mi]!;
    for (let i = 0; i < r; i++) {
      const l = m.labels[i]!;
      if (l < 0) continue;
      const c = labels[i]!;
      const others = s[mi]![c]! - 1;
      if (others <= 0) continue;
      sum[i]! += (h[mi]![c * m.k + l]! - 1) / others;
      count[i]!++;
    }
  }
  const out = new Float64Array(r);
  for (let i = 0; i < r; i++) out[i] = count[i]! > 0 ? sum[i]! / count[i]! : 0;
  return out;
}

/**
 * Move every reference row to the consensus cluster it is most often co-clustered with: the cluster C
 * maximising the mean over members that sampled the row of (rows of C the member labels like it) / (rows of
 * C it sampled), the row itself left out. Repeated until stable or `rounds` passes; clusters never empty.
 * Removes the block resolution of micro-cluster consensus and the stray rows average linkage leaves.
 * O(rounds·r·members·k).
 */
export function reassignByConsensus(members: readonly Member[], labels: Int32Array, k: number, rounds = 5): Int32Array {
  let current = labels;
  const r = labels.length;
  for (let round = 0; round < rounds; round++) {
    const { h, s } = clusterLabelShares(members, current, k);
    const score = new Float64Array(r * k), count = new Float64Array(r);
    for (let mi = 0; mi < members.length; mi++) {
      const m = members[mi]!;
      const hm = h[mi]!, sm = s[mi]!;
      for (let i = 0; i < r; i++) {
        const l = m.labels[i]!;
        if (l < 0) continue;
        count[i]!++;
        const own = current[i]!;
        for (let c = 0; c < k; c++) {
          const self = c === own ? 1 : 0;
          const denom = sm[c]! - self;
          if (denom > 0) score[i * k + c]! += (hm[c * m.k + l]! - self) / denom;
        }
      }
    }
    const next = Int32Array.from(current);
    const sizes = new Int32Array(k);
    for (const l of current) sizes[l]!++;
    let moved = 0;
    for (let i = 0; i < r; i++) {
      if (count[i] === 0) continue;
      let best = current[i]!;
      for (let c = 0; c < k; c++) if (score[i * k + c]! > score[i * k + best]!) best = c;
      if (best !== current[i] && sizes[current[i]!]! > 1) { sizes[current[i]!]!--; sizes[best]!++; next[i] = best; moved++; }
    }
    current = next;
    if (moved === 0) break;
  }
  return current;
}

/**
 * Give rows labelled −1 the segment they are most often co-clustered with (shares computed over labelled
 * rows). O(r·members·k).
 */
export function attachStrays(members: readonly Member[], labels: Int32Array, k: number): Int32Array {
  if (labels.every((l) => l >= 0)) return labels;
  const { h, s } = clusterLabelShares(members, labels.map((l) => l), k, true);
  const out = Int32Array.from(labels);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! >= 0) continue;
    let best = 0, bestScore = -1;
    for (let c = 0; c < k; c++) {
      let score = 0, count = 0;
      for (let mi = 0; mi < members.length; mi++) {
        const m = members[mi]!;
        const l = m.labels[i]!;
        if (l < 0 || s[mi]![c]! === 0) continue;
        score += h[mi]![c * m.k + l]! / s[mi]![c]!;
        count++;
      }
      const v = count ? score / count : 0;
      if (v > bestScore) { bestScore = v; best = c; }
    }
    out[i] = best;
  }
  return out;
}
