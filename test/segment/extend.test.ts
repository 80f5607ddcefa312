import { describe, expect, it } from 'vitest';
import { normal, sampleIndices, streams } from '../../src/random/index.js';
import { extendLabels } from '../../src/segment/extend.js';
import { assignNearest, gather, kmeans } from '../../src/segment/kmeans.js';
import { adjustedRandIndex } from '../../src/segment/metrics.js';

describe('extendLabels', () => {
  it('keeps a one-segment micro-cluster whole, splits a shared one by the nearer segment mean (by hand)', () => {
    // 1-D reference rows: micro 0 = {0, 1} (segment 0); micro 1 = {4, 4.5} (segment 0) and {6} (segment 1);
    // micro 2 = {10, 12} (segment 1); micro 3 = {7.5} (segment 0, a pure micro-cluster beside segment 1).
    const xr = Float64Array.of(0, 1, 4, 4.5, 6, 10, 12, 7.5);
    const refMicro = Int32Array.of(0, 0, 1, 1, 1, 2, 2, 3);
    const refLabels = Int32Array.of(0, 0, 0, 0, 1, 1, 1, 0);
    // means: segment 0 = (0 + 1 + 4 + 4.5 + 7.5) / 5 = 3.4, segment 1 = (6 + 10 + 12) / 3 = 9.333…
    // row 5 (micro 1, shared): |5 − 3.4| = 1.6 < |5 − 9.33| → 0; row 6.5 (micro 1): 3.1 < 2.83? no → 1;
    // row 7.6 (micro 3, pure segment 0): 0 although segment 1's mean is nearer; row 0.5 (micro 0): 0
    const x = Float64Array.of(5, 6.5, 7.6, 0.5);
    const labels = extendLabels(x, 4, 1, Int32Array.of(1, 1, 3, 0), refMicro, xr, refLabels, 4, 2);
    expect(Array.from(labels)).toEqual([0, 1, 0, 0]);
  });

  it('labels rows outside the reference about as well as the Bayes rule on two overlapping Gaussians', () => {
    // two unit-variance clusters 2.5 apart on the first axis of 2-D, equal shares: the Bayes rule is the
    // nearer true centre; the reference rows carry their true segment (a perfect consensus); 20 micro-clusters
    // are coarse beside the boundary, as 200 are in 20 dimensions (measured: ours 0.611, Bayes 0.612, majority 0.560)
    const rng = streams(18).stream('extend');
    const n = 20_000, d = 2, r = 2_000, c = 20;
    const x = new Float64Array(n * d), truth = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      truth[i] = rng.next() < 0.5 ? 0 : 1;
      x[i * d] = normal(rng, truth[i]! * 2.5, 1);
      x[i * d + 1] = normal(rng, 0, 1);
    }
    const ref = sampleIndices(rng, n, r);
    const xr = gather(x, d, ref);
    const refLabels = Int32Array.from(ref, (i) => truth[i]!);
    const micro = kmeans(xr, r, d, { k: c, rng, maxIterations: 30 });
    const microOf = assignNearest(x, n, d, micro.centroids, c);
    const ours = extendLabels(x, n, d, microOf, micro.labels, xr, refLabels, c, 2);
    const bayes = Int32Array.from(truth, (_, i) => (x[i * d]! > 1.25 ? 1 : 0));
    // the majority segment of each micro-cluster, the rule this one replaced
    const votes = new Float64Array(c * 2);
    micro.labels.forEach((g, i) => { votes[g * 2 + refLabels[i]!]!++; });
    const majority = Int32Array.from(microOf, (g) => (votes[g * 2 + 1]! > votes[g * 2]! ? 1 : 0));
    const ariBayes = adjustedRandIndex(bayes, truth);
    expect(adjustedRandIndex(ours, truth)).toBeGreaterThan(ariBayes - 0.01);
    expect(adjustedRandIndex(majority, truth)).toBeLessThan(ariBayes - 0.01);
  });
});
