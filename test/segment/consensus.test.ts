import { describe, expect, it } from 'vitest';
import { expectClose } from '../helpers/close.js';
import { coAssociation, exactConsensus, microCoAssociation, microConsensus } from '../../src/segment/consensus.js';
import type { Member } from '../../src/segment/ensemble.js';
import { bestJaccard } from '../../src/segment/bootstrap.js';
import { cdfArea, consensusValues, itemConsensus, pac, pairConsensus, samplePairs } from '../../src/segment/diagnostics.js';
import { chooseK } from '../../src/segment/choose.js';
import { adjustedRandIndex } from '../../src/segment/metrics.js';
import { streams } from '../../src/random/index.js';

/** Block means and ratios of small integers are exact up to rounding. */
const ROUNDING = { abs: 1e-12 };

const member = (labels: number[], k: number): Member => ({
  k, algorithm: 'kmeans', labels: Int8Array.from(labels), features: new Int32Array(0), centroids: new Float64Array(0),
});

/** Random members that mostly follow `truth` with some noise and some unsampled rows. */
function noisyMembers(truth: number[], k: number, count: number, noise: number, seed: number): Member[] {
  const rng = streams(seed).stream('members');
  return Array.from({ length: count }, () => member(truth.map((t) => {
    const u = rng.next();
    if (u < 0.2) return -1;
    return u < 0.2 + noise ? Math.floor(rng.next() * k) : t;
  }), k));
}

describe('exact consensus', () => {
  it('reproduces the partition every member agrees on', () => {
    const truth = [0, 0, 1, 1, 2, 2, 0, 1];
    const members = [member(truth, 3), member(truth.map((t) => (t + 1) % 3), 3), member(truth, 3)];
    expect(adjustedRandIndex(exactConsensus(members, 8, 3), truth)).toBe(1);
  });
});

describe('co-association counts', () => {
  it('coAssociation counts, per pair, the members that sampled both rows and those that put them together (brute force)', () => {
    // 7 members (not a multiple of the 4 packed per word), labels up to 99 (the largest k allows), −1 unsampled
    const rng = streams(3).stream('labels');
    const r = 23;
    const members = Array.from({ length: 7 }, (_, m) => member(Array.from({ length: r }, () => {
      const u = rng.next();
      return u < 0.25 ? -1 : m === 6 ? 99 - Math.floor(rng.next() * 2) : Math.floor(rng.next() * 3);
    }), m === 6 ? 100 : 3));
    const { both, together } = coAssociation(members, r);
    let p = 0;
    for (let i = 0; i < r; i++) {
      for (let j = i + 1; j < r; j++, p++) {
        const sampled = members.filter((m) => m.labels[i]! >= 0 && m.labels[j]! >= 0);
        expect([both[p], together[p]]).toEqual([sampled.length, sampled.filter((m) => m.labels[i] === m.labels[j]).length]);
      }
    }
  });

  it('consensusValues equals pairConsensus over every pair, and exactConsensus is the same with counts passed in', () => {
    const truth = Array.from({ length: 30 }, (_, i) => i % 3);
    const members = noisyMembers(truth, 3, 9, 0.3, 2);
    const counts = coAssociation(members, 30);
    const pairs = samplePairs(30, 1000, streams(1).stream('p'));
    expect(pairs.exhaustive).toBe(true);
    expect(Array.from(consensusValues(counts))).toEqual(Array.from(pairConsensus(members, pairs)));
    expect(Array.from(exactConsensus(members, 30, 3, 0, counts))).toEqual(Array.from(exactConsensus(members, 30, 3)));
  });
});

describe('micro-cluster consensus', () => {
  it('block co-association equals the mean of the row co-association over the block pairs (brute force)', () => {
    const truth = Array.from({ length: 24 }, (_, i) => i % 3);
    const members = noisyMembers(truth, 3, 12, 0.3, 1);
    const micro = Int32Array.from({ length: 24 }, (_, i) => i % 6);
    const co = microCoAssociation(members, micro, 6, 3);
    // brute force: Σ together / Σ both over row pairs (i in a, j in b, i ≠ j)
    for (const [a, b] of [[0, 3], [0, 1], [2, 2]] as const) {
      let together = 0, both = 0;
      for (let i = 0; i < 24; i++) for (let j = 0; j < 24; j++) {
        if (i === j || micro[i] !== a || micro[j] !== b) continue;
        for (const m of members) {
          if (m.labels[i]! < 0 || m.labels[j]! < 0) continue;
          both++;
          if (m.labels[i] === m.labels[j]) together++;
        }
      }
      expectClose(co[a * 6 + b]!, together / both, ROUNDING);
    }
  });

  it('agrees with exact consensus when micro-clusters are singletons', () => {
    const truth = Array.from({ length: 60 }, (_, i) => Math.floor(i / 20));
    const members = noisyMembers(truth, 3, 30, 0.25, 2);
    const exact = exactConsensus(members, 60, 3);
    const micro = microConsensus(members, Int32Array.from({ length: 60 }, (_, i) => i), 60, 3).labels;
    expect(adjustedRandIndex(exact, micro)).toBe(1);
    expect(adjustedRandIndex(exact, truth)).toBe(1);
  });
});

describe('diagnostics', () => {
  it('pac counts consensus values strictly inside (0.1, 0.9); cdfArea = 1 − mean', () => {
    const v = Float64Array.from([0, 0.1, 0.5, 0.9, 1]);
    expect(pac(v)).toBe(0.2);
    expectClose(cdfArea(v), 1 - 2.5 / 5, ROUNDING);
  });

  it('pairConsensus counts only members that sampled both rows', () => {
    const members = [member([0, 0, 1], 2), member([0, 1, -1], 2), member([-1, 0, 0], 2)];
    const pairs = samplePairs(3, 10, streams(1).stream('p'));
    expect(pairs.exhaustive).toBe(true);
    // (0,1): together in 1 of 2; (0,2): 0 of 2; (1,2): together in 1 of 2
    expect(Array.from(pairConsensus(members, pairs))).toEqual([0.5, 0, 0.5]);
  });

  it('samplePairs draws distinct rows when sampling', () => {
    const pairs = samplePairs(1000, 5000, streams(1).stream('p'));
    expect(pairs.exhaustive).toBe(false);
    expect(pairs.i.every((a, p) => a !== pairs.j[p])).toBe(true);
  });

  it('bestJaccard is 1 for the same partition and the hand Jaccard when a refit splits a cluster', () => {
    const labels = Int32Array.from([0, 0, 0, 0, 1, 1]);
    expect(Array.from(bestJaccard(labels, 2, Int32Array.from([1, 1, 1, 1, 0, 0]), 2))).toEqual([1, 1]);
    // refit splits cluster 0 into {0,1} and {2,3,4,5}: best Jaccard for 0 is 2/4, for 1 is 2/4
    expect(Array.from(bestJaccard(labels, 2, Int32Array.from([0, 0, 1, 1, 1, 1]), 2))).toEqual([0.5, 0.5]);
    // rows left out of the resample (−1) do not count: cluster 1 has none left, so no score
    expect(Array.from(bestJaccard(labels, 2, Int32Array.from([0, 0, 0, -1, -1, -1]), 2))).toEqual([1, Number.NaN]);
  });

  it('itemConsensus is the share of the row\'s cluster-mates a member put with it', () => {
    const labels = Int32Array.from([0, 0, 0, 1]);
    // member puts rows 0,1 together and row 2 apart: row 0 → 1/2, row 2 → 0/2
    const c = itemConsensus([member([0, 0, 1, 1], 2)], labels, 2);
    expect(Array.from(c.slice(0, 3))).toEqual([0.5, 0.5, 0]);
  });
});

describe('chooseK', () => {
  const metrics = (k: number, minStability: number, minShare = 0.1) => ({
    k, pac: 0, cdfArea: 0, deltaArea: 0, cdf: [], pairsExhaustive: true, silhouette: 0, calinskiHarabasz: 0,
    daviesBouldin: 0, stability: [], minStability, meanStability: minStability, meanConfidence: 1, sizes: [], minShare,
  });
  const rule = { stableJaccard: 0.6, minSegmentShare: 0.02 };
  it('takes the largest k whose every segment is reproducible, past unstable k below it', () => {
    const perK = [metrics(2, 1), metrics(3, 0.8), metrics(4, 0.65), metrics(5, 0.59), metrics(6, 0.9), metrics(7, 0.5)];
    expect(chooseK(perK, rule)).toMatchObject({ k: 6, stable: true });
    expect(chooseK(perK, { ...rule, stableJaccard: 0.95 }).k).toBe(2);
  });
  it('a negligible segment (share < 2%) also stops the refinement', () => {
    expect(chooseK([metrics(2, 1), metrics(3, 0.9, 0.01)], rule).k).toBe(2);
  });
  it('when k_min already fails, says there is no stable structure and shows the k with the most stable least-stable segment', () => {
    const choice = chooseK([metrics(2, 0.3), metrics(3, 0.5), metrics(4, 0.4)], rule);
    expect(choice.k).toBe(3);
    expect(choice.stable).toBe(false);
    expect(choice.rule).toMatch(/^no stable structure: no k in 2\.\.4 has every segment reproducible/);
  });
});
