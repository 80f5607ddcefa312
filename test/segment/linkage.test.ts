import { describe, expect, it } from 'vitest';
import { expectClose } from '../helpers/close.js';
import { condensedIndex, cutTree, linkage } from '../../src/segment/linkage.js';
import type { LinkageMethod } from '../../src/segment/linkage.js';
import { streams } from '../../src/random/index.js';

/** Merge heights from two exact algorithms agree to rounding. */
const SAME_HEIGHT = { rel: 1e-9, abs: 1e-12 };

/** Textbook O(n³) agglomeration with the same Lance–Williams updates: the independent reference. */
function naiveHeights(dist0: Float64Array, n: number, method: LinkageMethod, w?: number[]): number[] {
  const d = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : dist0[condensedIndex(n, i, j)]!)));
  const size = Array.from({ length: n }, (_, i) => w?.[i] ?? 1);
  const active = new Set(Array.from({ length: n }, (_, i) => i));
  const heights: number[] = [];
  while (active.size > 1) {
    let bi = -1, bj = -1, best = Infinity;
    for (const i of active) for (const j of active) if (i < j && d[i]![j]! < best) { best = d[i]![j]!; bi = i; bj = j; }
    heights.push(method === 'ward' ? Math.sqrt(best) : best);
    for (const m of active) {
      if (m === bi || m === bj) continue;
      const v = method === 'average'
        ? (size[bi]! * d[bi]![m]! + size[bj]! * d[bj]![m]!) / (size[bi]! + size[bj]!)
        : ((size[bi]! + size[m]!) * d[bi]![m]! + (size[bj]! + size[m]!) * d[bj]![m]! - size[m]! * best) / (size[bi]! + size[bj]! + size[m]!);
      d[bi]![m] = v; d[m]![bi] = v;
    }
    size[bi]! += size[bj]!;
    active.delete(bj);
  }
  return heights.sort((a, b) => a - b);
}

function randomDistances(n: number, seed: number, squared: boolean): Float64Array {
  const rng = streams(seed).stream('pts');
  const pts = Array.from({ length: n }, () => [rng.next() * 10, rng.next() * 10]);
  const dist = new Float64Array((n * (n - 1)) / 2);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    const s = (pts[i]![0]! - pts[j]![0]!) ** 2 + (pts[i]![1]! - pts[j]![1]!) ** 2;
    dist[condensedIndex(n, i, j)] = squared ? s : Math.sqrt(s);
  }
  return dist;
}

describe('linkage', () => {
  it('average linkage of points 0, 1, 5: merge {0,1} at 1, then at (5 + 4) / 2 = 4.5 (hand)', () => {
    const merges = linkage(Float64Array.from([1, 5, 4]), 3, 'average');
    expect(merges.map((m) => m.height)).toEqual([1, 4.5]);
    expect(Array.from(cutTree(merges, 3, 2))).toEqual([0, 0, 1]);
  });

  for (const method of ['average', 'ward'] as const) {
    it(`NN-chain ${method} linkage finds the same merge heights as the naive O(n³) algorithm`, () => {
      const n = 40;
      const dist = randomDistances(n, 11, method === 'ward');
      const expected = naiveHeights(dist, n, method);
      const got = linkage(Float64Array.from(dist), n, method).map((m) => m.height);
      got.forEach((h, i) => expectClose(h, expected[i]!, SAME_HEIGHT));
    });
  }

  it('weighted average linkage equals linkage of the expanded points (a weight-w point is w copies)', () => {
    // points 0 (weight 2), 3 (weight 1), 10 (weight 1) vs the expanded set 0, 0, 3, 10
    const weighted = linkage(Float64Array.from([3, 10, 7]), 3, 'average', [2, 1, 1]).map((m) => m.height);
    const expanded = linkage(Float64Array.from([0, 3, 10, 3, 10, 7]), 4, 'average').map((m) => m.height);
    expect(weighted).toEqual(expanded.slice(1));
  });

  it('cutTree(k) gives labels 0..k−1 numbered by first appearance', () => {
    const n = 30;
    const labels = cutTree(linkage(randomDistances(n, 2, false), n, 'average'), n, 4);
    expect(new Set(labels).size).toBe(4);
    expect(labels[0]).toBe(0);
  });
});
