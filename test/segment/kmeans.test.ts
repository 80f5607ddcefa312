import { describe, expect, it } from 'vitest';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { expectClose } from '../helpers/close.js';
import { assignNearest, gather, kmeans, kmeansPlusPlus } from '../../src/segment/kmeans.js';
import { adjustedRandIndex } from '../../src/segment/metrics.js';
import { normal, streams } from '../../src/random/index.js';

/** Centroids from two implementations of the same Lloyd fixed point agree to rounding. */
const SAME_FIXED_POINT = { abs: 1e-9 };

/** Gaussian blobs around `centres` (k × d), n rows, with truth labels. */
function blobs(n: number, centres: number[][], sd: number, seed: number): { x: Float64Array; truth: Int32Array; d: number } {
  const rng = streams(seed).stream('blobs');
  const d = centres[0]!.length;
  const x = new Float64Array(n * d), truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % centres.length;
    truth[i] = c;
    for (let f = 0; f < d; f++) x[i * d + f] = normal(rng, centres[c]![f]!, sd);
  }
  return { x, truth, d };
}

/** Plain Lloyd iterations from given centres until no label changes: the independent reference. */
function naiveLloyd(x: Float64Array, n: number, d: number, init: Float64Array, k: number): { labels: Int32Array; centroids: Float64Array } {
  const c = Float64Array.from(init);
  let labels = assignNearest(x, n, d, c, k);
  for (let it = 0; it < 500; it++) {
    const sums = new Float64Array(k * d), counts = new Float64Array(k);
    for (let i = 0; i < n; i++) { counts[labels[i]!]!++; for (let f = 0; f < d; f++) sums[labels[i]! * d + f]! += x[i * d + f]!; }
    for (let j = 0; j < k; j++) if (counts[j]! > 0) for (let f = 0; f < d; f++) c[j * d + f] = sums[j * d + f]! / counts[j]!;
    const next = assignNearest(x, n, d, c, k);
    if (next.every((l, i) => l === labels[i])) break;
    labels = next;
  }
  return { labels, centroids: c };
}

/** Nearest centre of row i by a full scan (first of equals): the reference for the pruned scans. */
function naiveNearest(x: Float64Array, i: number, d: number, centres: Float64Array, k: number): number {
  let best = Infinity, a = -1;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let f = 0; f < d; f++) s += (x[i * d + f]! - centres[j * d + f]!) ** 2;
    if (s < best) { best = s; a = j; }
  }
  return a;
}

describe('kmeans', () => {
  it('kmeans(x, k = 3) recovers three separated blobs exactly', () => {
    const { x, truth, d } = blobs(300, [[0, 0], [10, 0], [0, 10]], 1, 1);
    const r = kmeans(x, 300, d, { k: 3, rng: streams(1).stream('km') });
    expect(adjustedRandIndex(r.labels, truth)).toBe(1);
    expect(r.converged).toBe(true);
  });

  it('Hamerly bounds give the same fixed point as plain Lloyd from the same starting centres', () => {
    const { x, d } = blobs(2000, [[0, 0, 0], [3, 0, 1], [0, 3, 2], [3, 3, 0], [1.5, 1.5, 1.5]], 1.2, 2);
    const init = kmeansPlusPlus(x, 2000, d, 5, streams(9).stream('init'));
    const fast = kmeans(x, 2000, d, { k: 5, rng: streams(9).stream('unused'), init, tolerance: 0, maxIterations: 500 });
    const slow = naiveLloyd(x, 2000, d, init, 5);
    expect(Array.from(fast.labels)).toEqual(Array.from(slow.labels));
    fast.centroids.forEach((v, i) => expectClose(v, slow.centroids[i]!, SAME_FIXED_POINT));
  });

  it('agrees with ml-kmeans 7 (the listed dependency) started from the same centres', () => {
    const { x, d } = blobs(600, [[0, 0], [4, 0], [0, 4], [4, 4]], 1.5, 3);
    const init = kmeansPlusPlus(x, 600, d, 4, streams(5).stream('init'));
    const ours = kmeans(x, 600, d, { k: 4, rng: streams(5).stream('unused'), init, tolerance: 0, maxIterations: 500 });
    const rows = Array.from({ length: 600 }, (_, i) => [x[i * 2]!, x[i * 2 + 1]!]);
    const initRows = Array.from({ length: 4 }, (_, j) => [init[j * 2]!, init[j * 2 + 1]!]);
    const theirs = mlKmeans(rows, 4, { initialization: initRows, maxIterations: 500, tolerance: 0 });
    expect(Array.from(ours.labels)).toEqual(theirs.clusters);
    theirs.centroids.forEach((c, j) => c.forEach((v, f) => expectClose(ours.centroids[j * 2 + f]!, v, SAME_FIXED_POINT)));
  });

  it('same stream → identical result; inertia equals the recomputed sum of squares', () => {
    const { x, d } = blobs(500, [[0, 0], [2, 2], [4, 0]], 1, 4);
    const a = kmeans(x, 500, d, { k: 3, rng: streams(7).stream('km') });
    const b = kmeans(x, 500, d, { k: 3, rng: streams(7).stream('km') });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    let ss = 0;
    for (let i = 0; i < 500; i++) for (let f = 0; f < d; f++) ss += (x[i * d + f]! - a.centroids[a.labels[i]! * d + f]!) ** 2;
    expectClose(a.inertia, ss, { rel: 1e-12 });
  });

  it('keeps every cluster non-empty when the starting centres coincide', () => {
    const { x, d } = blobs(200, [[0, 0], [5, 5]], 1, 5);
    const init = Float64Array.from([0, 0, 0, 0, 0, 0]);
    const r = kmeans(x, 200, d, { k: 3, rng: streams(1).stream('km'), init });
    const counts = [0, 0, 0];
    for (const l of r.labels) counts[l]!++;
    expect(counts.every((c) => c > 0)).toBe(true);
  });

  it('rejects k larger than n (a programming error here; the CLI reports it as bad input)', () => {
    expect(() => kmeans(new Float64Array(4), 2, 2, { k: 3, rng: streams(1).stream('x') })).toThrow(/exceeds the number of rows/);
  });

  it('assignNearest with centre pruning (k ≥ 8) gives the same labels as a full scan', () => {
    const { x, d } = blobs(3000, [[0, 0, 0], [4, 0, 0], [0, 4, 0], [0, 0, 4]], 1.5, 6);
    const k = 30;
    const centres = gather(x, d, Int32Array.from({ length: k }, (_, j) => j * 97));
    const fast = assignNearest(x, 3000, d, centres, k);
    for (let i = 0; i < 3000; i++) {
      expect(fast[i]).toBe(naiveNearest(x, i, d, centres, k));
    }
  });

  it('assignNearest from a per-row guess gives the full scan\'s labels, ties to the lowest index', () => {
    // integer coordinates on a small grid make exact ties between centres common
    const rng = streams(18).stream('guess');
    for (const k of [2, 5, 12]) {
      const n = 2000, d = 3;
      const x = Float64Array.from({ length: n * d }, () => Math.floor(rng.next() * 5));
      const centres = Float64Array.from({ length: k * d }, () => Math.floor(rng.next() * 5));
      const guess = Int32Array.from({ length: n }, () => Math.floor(rng.next() * k));
      const got = assignNearest(x, n, d, centres, k, guess);
      for (let i = 0; i < n; i++) {
        expect(got[i]).toBe(naiveNearest(x, i, d, centres, k));
      }
    }
  });

  it('gather copies the chosen rows and columns', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6]);
    expect(Array.from(gather(x, 3, [1], [2, 0]))).toEqual([6, 4]);
  });
});

describe('kmeans seeding on a sample', () => {
  it('seeding on a uniform sample (n > seedRows) reaches the same clustering of well-separated blobs', () => {
    const rng = streams(8).stream('blobs');
    const n = 4000, d = 2;
    const x = new Float64Array(n * d), truth = new Int32Array(n);
    for (let i = 0; i < n; i++) { truth[i] = i % 4; x[i * 2] = normal(rng, (i % 4) * 10, 1); x[i * 2 + 1] = normal(rng, (i % 2) * 10, 1); }
    const r = kmeans(x, n, d, { k: 4, rng: streams(1).stream('km'), seedRows: 200 });
    expect(adjustedRandIndex(r.labels, truth)).toBe(1);
  });
});
