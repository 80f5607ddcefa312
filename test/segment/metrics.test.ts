import { describe, expect, it } from 'vitest';
import { expectClose } from '../helpers/close.js';
import { adjustedRandIndex, calinskiHarabasz, daviesBouldin, normalizedMutualInformation, silhouette } from '../../src/segment/metrics.js';
import { streams } from '../../src/random/index.js';

/** Hand-computed and reference values are exact up to floating-point rounding. */
const EXACT = { abs: 1e-12 };
/** scikit-learn 1.2.1 printed these to 16–17 digits. */
const SKLEARN = { rel: 1e-12 };

const A = [0, 0, 0, 1, 1, 1];
const B = [0, 0, 1, 1, 2, 2];
// Eight points in three groups (scikit-learn reference values below).
const X = Float64Array.from([0, 0, 1, 0, 0, 2, 5, 5, 6, 5, 5, 7, 10, 0, 11, 1]);
const L = [0, 0, 0, 1, 1, 1, 2, 2];
const L2 = [0, 1, 0, 1, 2, 2, 2, 0];

describe('adjustedRandIndex', () => {
  it('adjustedRandIndex(a, b) matches the hand calculation (2 − 1.2) / (4.5 − 1.2)', () => {
    // pairs together in both: 2; row pairs 6, column pairs 3, all pairs 15 → expected 6·3/15 = 1.2, max 4.5
    expectClose(adjustedRandIndex(A, B), 0.8 / 3.3, EXACT);
  });
  it('is 1 for the same partition under renaming and symmetric', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [2, 2, 0, 0, 1])).toBe(1);
    expectClose(adjustedRandIndex(L, L2), adjustedRandIndex(L2, L), EXACT);
  });
  it('matches scikit-learn on an unrelated pair of labelings', () => {
    expectClose(adjustedRandIndex(L, L2), 0.047619047619047616, SKLEARN);
  });
  it('is near 0 for independent random labelings', () => {
    const rng = streams(3).stream('t');
    const a = Array.from({ length: 20000 }, () => Math.floor(rng.next() * 4));
    const b = Array.from({ length: 20000 }, () => Math.floor(rng.next() * 5));
    expect(Math.abs(adjustedRandIndex(a, b))).toBeLessThan(0.01);
  });
});

describe('normalizedMutualInformation', () => {
  it('NMI(a, b) = (2/3)·ln 2 / ((ln 2 + ln 3) / 2) by hand', () => {
    expectClose(normalizedMutualInformation(A, B), ((2 / 3) * Math.log(2)) / ((Math.log(2) + Math.log(3)) / 2), EXACT);
  });
  it('matches scikit-learn (arithmetic normaliser)', () => {
    expectClose(normalizedMutualInformation(A, B), 0.5158037429793888, SKLEARN);
    expectClose(normalizedMutualInformation(L, L2), 0.3987478202411473, SKLEARN);
  });
});

describe('silhouette', () => {
  it('silhouette of {0, 1} vs {10, 11} is the mean of 1 − 1/10.5 and 1 − 1/9.5 (hand)', () => {
    const s = silhouette(Float64Array.from([0, 1, 10, 11]), 4, 1, [0, 0, 1, 1]);
    expectClose(s, (1 - 1 / 10.5 + 1 - 1 / 9.5) / 2, EXACT);
  });
  it('matches scikit-learn on a good and a bad labeling', () => {
    expectClose(silhouette(X, 8, 2, L), 0.7651642051296959, SKLEARN);
    expectClose(silhouette(X, 8, 2, L2), -0.2790241496621373, SKLEARN);
  });
  it('a sampled silhouette uses only the sampled rows and stays close on clear structure', () => {
    const rng = streams(1).stream('pts');
    const n = 600;
    const x = Float64Array.from({ length: n }, (_, i) => (i % 2) * 10 + rng.next());
    const labels = Array.from({ length: n }, (_, i) => i % 2);
    const full = silhouette(x, n, 1, labels);
    const sampled = silhouette(x, n, 1, labels, { size: 200, rng: streams(2).stream('s') });
    expectClose(sampled, full, { abs: 0.01 });
  });
});

describe('calinskiHarabasz and daviesBouldin', () => {
  it('CH of {0, 2} vs {10, 12} is (100 / 1) / (4 / 2) = 50 and DB is (1 + 1) / 10 = 0.2 (hand)', () => {
    const x = Float64Array.from([0, 2, 10, 12]);
    expectClose(calinskiHarabasz(x, 4, 1, [0, 0, 1, 1]), 50, EXACT);
    expectClose(daviesBouldin(x, 4, 1, [0, 0, 1, 1]), 0.2, EXACT);
  });
  it('match scikit-learn', () => {
    expectClose(calinskiHarabasz(X, 8, 2, L), 56.68478260869565, SKLEARN);
    expectClose(daviesBouldin(X, 8, 2, L), 0.27132106947098017, SKLEARN);
    expectClose(calinskiHarabasz(X, 8, 2, L2), 0.6693830034924331, SKLEARN);
    expectClose(daviesBouldin(X, 8, 2, L2), 3.9403815881053177, SKLEARN);
  });
});
