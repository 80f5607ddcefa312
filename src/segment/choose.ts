/**
 * Per-k diagnostics and the rule that picks k.
 */
import type { Streams } from '../random/index.js';
import type { SegmentSettings } from '../scenario/sections/segment.js';
import type { CoAssociation } from './consensus.js';
import { coAssociation } from './consensus.js';
import { allPairsFit, cdfArea, clusterStability, consensusCdf, consensusValues, itemConsensus, pac, pairConsensus, samplePairs } from './diagnostics.js';
import type { Member } from './ensemble.js';
import { calinskiHarabasz, daviesBouldin, silhouette } from './metrics.js';

export interface KMetrics {
  readonly k: number;
  /** Proportion of ambiguous clustering (consensus in (0.1, 0.9)); lower = more stable. */
  readonly pac: number;
  /** Area under the consensus CDF. */
  readonly cdfArea: number;
  /** Relative gain in CDF area over the previous k (Monti's Δ(k)); for the smallest k, its area. */
  deltaArea: number;
  /** Consensus CDF at 0, 0.1, …, 1. */
  readonly cdf: readonly number[];
  /** True when PAC and the CDF used every pair of reference rows, not a sample. */
  readonly pairsExhaustive: boolean;
  readonly silhouette: number;
  readonly calinskiHarabasz: number;
  readonly daviesBouldin: number;
  /** Per segment (by size): mean best Jaccard match across members. */
  readonly stability: readonly number[];
  readonly minStability: number;
  readonly meanStability: number;
  /** Mean item consensus of the reference rows. */
  readonly meanConfidence: number;
  /** Segment sizes among the reference rows. */
  readonly sizes: readonly number[];
  readonly minShare: number;
}

/**
 * Diagnostics of one k's consensus partition of the reference rows. With every pair in the sample, the
 * consensus values come from the members' co-association `counts` (computed here when not passed: the exact
 * consensus already has them). O(pairs·members + r·members + s²·d).
 */
export function evaluateK(
  x: Float64Array, r: number, d: number, members: readonly Member[], labels: Int32Array, k: number,
  settings: SegmentSettings, rngs: Streams, counts?: CoAssociation,
): KMetrics {
  // every pair: straight from the counts, without listing the pairs
  const exhaustive = allPairsFit(r, settings.pair_sample);
  const values = exhaustive
    ? consensusValues(counts ?? coAssociation(members, r))
    : pairConsensus(members, samplePairs(r, settings.pair_sample, rngs.stream(`pairs/k${k}`)));
  const stability = Array.from(clusterStability(members, labels, k));
  const confidence = itemConsensus(members, labels, k);
  const sizes = Array.from({ length: k }, () => 0);
  for (const l of labels) sizes[l]!++;
  let meanConfidence = 0;
  for (const c of confidence) meanConfidence += c / r;
  const sample = r > settings.silhouette_sample ? { size: settings.silhouette_sample, rng: rngs.stream('silhouette') } : undefined;
  return {
    k,
    pac: pac(values),
    cdfArea: cdfArea(values),
    deltaArea: Number.NaN,
    cdf: consensusCdf(values),
    pairsExhaustive: exhaustive,
    silhouette: silhouette(x, r, d, labels, sample),
    calinskiHarabasz: calinskiHarabasz(x, r, d, labels),
    daviesBouldin: daviesBouldin(x, r, d, labels),
    stability,
    minStability: Math.min(...stability),
    meanStability: stability.reduce((a, b) => a + b, 0) / k,
    meanConfidence,
    sizes,
    minShare: Math.min(...sizes) / r,
  };
}

/** Fill Monti's Δ(k) = (A(k) − A(k−1)) / A(k−1) in place, k ascending. */
export function addDeltaArea(perK: KMetrics[]): void {
  perK.forEach((m, i) => {
    m.deltaArea = i === 0 ? m.cdfArea : (m.cdfArea - perK[i - 1]!.cdfArea) / perK[i - 1]!.cdfArea;
  });
}

/** What counts as a reproducible segment when choosing k. */
export interface ChooseKSettings {
  /**
   * Smallest clusterboot mean Jaccard every segment must reach. Hennig (2007): ≥ 0.75 "stable", 0.6–0.75
   * "indicating patterns", < 0.5 "dissolved"; the default 0.6 is his lower bound for a pattern.
   */
  readonly stableJaccard: number;
  /** Smallest segment share a plan can use (default 2% of rows). */
  readonly minSegmentShare: number;
}

/**
 * The rule, sequential refinement: take k = k_min, k_min + 1, … while every segment stays reproducible
 * (clusterboot Jaccard ≥ `stableJaccard`) and not negligible (share ≥ `minSegmentShare`); choose the last
 * such k — the finest segmentation reached before a split stops being reproducible. When k_min already
 * fails, the k whose least stable segment is most stable. O(K).
 * @example
 * chooseK(perK, { stableJaccard: 0.6, minSegmentShare: 0.02 }); // { k: 6, rule: '…' }
 */
export function chooseK(perK: readonly KMetrics[], settings: ChooseKSettings): { k: number; rule: string } {
  const ok = (m: KMetrics): boolean => m.minStability >= settings.stableJaccard && m.minShare >= settings.minSegmentShare;
  let last: KMetrics | undefined;
  for (const m of perK) {
    if (!ok(m)) break;
    last = m;
  }
  if (last) {
    const next = perK[perK.indexOf(last) + 1];
    const why = !next ? 'end of the range'
      : next.minStability < settings.stableJaccard ? `at k = ${next.k} a segment has Jaccard ${next.minStability.toFixed(2)}`
        : `at k = ${next.k} a segment holds ${(next.minShare * 100).toFixed(1)}% of rows`;
    return { k: last.k, rule: `sequential: every segment reproducible (clusterboot Jaccard >= ${settings.stableJaccard}, share >= ${settings.minSegmentShare}) up to this k; ${why}` };
  }
  let best = perK[0]!;
  for (const m of perK) if (m.minStability > best.minStability) best = m;
  return { k: best.k, rule: `k = ${perK[0]!.k} already had an unreproducible segment; k with the most stable least-stable segment` };
}
