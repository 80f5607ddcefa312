/**
 * Per-k diagnostics and the rule that picks k.
 */
import type { Streams } from '../random/index.js';
import type { SegmentSettings } from '../scenario/sections/segment.js';
import type { CoAssociation } from './consensus.js';
import { coAssociation } from './consensus.js';
import { bootstrapStability } from './bootstrap.js';
import { allPairsFit, cdfArea, consensusCdf, consensusValues, itemConsensus, pac, pairConsensus, samplePairs } from './diagnostics.js';
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
  /** Per segment (by size): mean best Jaccard match across independent bootstrap refits (clusterboot). */
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
 * consensus already has them); stability from bootstrap refits ({@link bootstrapStability}).
 * O(pairs·members + r·members + s²·d) plus the refits.
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
  const stability = Array.from(bootstrapStability(x, r, d, labels, k, {
    resamples: settings.bootstrap_resamples, wardShare: settings.ward_share, maxFitRows: settings.max_fit_rows, wardRows: settings.ward_rows,
  }, rngs));
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
   * "indicating patterns", < 0.5 "dissolved"; the default is his 0.75 for "stable".
   */
  readonly stableJaccard: number;
  /** Smallest segment share a plan can use (default 2% of rows). */
  readonly minSegmentShare: number;
}

/**
 * The rule, finest stable partition: the largest k whose every segment is reproducible (bootstrap Jaccard ≥
 * `stableJaccard`, Hennig's "stable") and not negligible (share ≥ `minSegmentShare`). An unstable k below it
 * does not stop the search: a data set can have a stable 3-group and 6-group structure and no stable 4 or 5
 * (the synthetic cohort at n = 20,000). When no k qualifies there is no stable structure: `stable` is false and
 * the k whose least stable segment is most stable is returned, said as such. O(K).
 * @example
 * chooseK(perK, { stableJaccard: 0.75, minSegmentShare: 0.02 }); // { k: 6, stable: true, rule: '…' }
 */
export function chooseK(perK: readonly KMetrics[], settings: ChooseKSettings): { k: number; stable: boolean; rule: string } {
  const ok = (m: KMetrics): boolean => m.minStability >= settings.stableJaccard && m.minShare >= settings.minSegmentShare;
  const criterion = `bootstrap Jaccard >= ${settings.stableJaccard}, share >= ${settings.minSegmentShare}`;
  const range = `${perK[0]!.k}..${perK[perK.length - 1]!.k}`;
  const last = [...perK].reverse().find(ok);
  if (last) {
    const above = perK.filter((m) => m.k > last.k);
    const why = above.length === 0 ? 'the end of the range'
      : `every larger k has a segment below (largest least-stable Jaccard ${Math.max(...above.map((m) => m.minStability)).toFixed(2)})`;
    return { k: last.k, stable: true, rule: `largest k in ${range} with every segment reproducible (${criterion}); ${why}` };
  }
  let best = perK[0]!;
  for (const m of perK) if (m.minStability > best.minStability) best = m;
  return {
    k: best.k, stable: false,
    rule: `no stable structure: no k in ${range} has every segment reproducible (${criterion}); `
      + `shown: the k whose least stable segment is most stable (Jaccard ${best.minStability.toFixed(2)})`,
  };
}
