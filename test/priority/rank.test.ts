import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchoredValue, kendallTauB, percentileValues, rankByScore } from '../../src/priority/index.js';
import { expectClose } from '../helpers/close.js';

/** O(n²) tau-b straight from the definition, the reference for Knight's algorithm. */
function bruteTauB(x: number[], y: number[]): number {
  let c = 0, d = 0, tx = 0, ty = 0;
  for (let i = 0; i < x.length; i++)
    for (let j = i + 1; j < x.length; j++) {
      const a = Math.sign(x[i]! - x[j]!), b = Math.sign(y[i]! - y[j]!);
      if (a === 0 && b === 0) continue;
      if (a === 0) tx++;
      else if (b === 0) ty++;
      else if (a === b) c++;
      else d++;
    }
  return (c - d) / Math.sqrt((c + d + tx) * (c + d + ty));
}

describe('kendallTauB', () => {
  it('is 1 for identical orders, −1 for reversed, 1/3 for one swap of three', () => {
    expect(kendallTauB(Float64Array.of(1, 2, 3, 4), Float64Array.of(10, 20, 30, 40))).toBe(1);
    expect(kendallTauB(Float64Array.of(1, 2, 3, 4), Float64Array.of(4, 3, 2, 1))).toBe(-1);
    expectClose(kendallTauB(Float64Array.of(1, 2, 3), Float64Array.of(1, 3, 2)), 1 / 3, { abs: 1e-12 });
  });
  it('matches the O(n²) definition with ties (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { minLength: 2, maxLength: 60 }), (pairs) => {
        const x = pairs.map((p) => p[0]), y = pairs.map((p) => p[1]);
        const expected = bruteTauB(x, y);
        const got = kendallTauB(Float64Array.from(x), Float64Array.from(y));
        if (Number.isNaN(expected)) return Number.isNaN(got);
        return Math.abs(got - expected) < 1e-12;
      }),
    );
  });
});

describe('rankByScore', () => {
  it('breaks ties by patient id, not by row order', () => {
    const r = rankByScore(Float64Array.of(5, 9, 5, 1), Uint8Array.of(1, 1, 1, 0), ['b', 'c', 'a', 'd']);
    expect(Array.from(r.order)).toEqual([1, 2, 0]);
    expect(Array.from(r.rank)).toEqual([3, 1, 2, 0]);
  });
});

describe('monotonicity', () => {
  it('more distance never lowers the travel term (anchors and percentiles)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 60 }), (d1, d2, episodes) => {
        const [lo, hi] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const a = anchoredValue(2 * lo * episodes, 2600, 'higher');
        const b = anchoredValue(2 * hi * episodes, 2600, 'higher');
        const ref = Float64Array.of(100, 500, 2600, 9000, 2 * lo * episodes);
        const p = percentileValues(Float64Array.of(2 * lo * episodes, 2 * hi * episodes), 'higher', ref);
        return a <= b && p[0]! <= p[1]!;
      }),
    );
  });
  it('more days to the trigger never raises urgency', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 365, noNaN: true }), fc.double({ min: 0, max: 365, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return anchoredValue(lo, 28, 'lower') >= anchoredValue(hi, 28, 'lower');
      }),
    );
  });
});

describe('median (src/stats)', () => {
  it('matches the sorted-array median, ignoring NaN (property)', async () => {
    const { median: medianOf } = await import('../../src/stats/index.js');
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(Number.NaN)), { maxLength: 40 }), (xs) => {
        const v = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
        const m = v.length === 0 ? Number.NaN : v.length % 2 ? v[v.length >> 1]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
        const got = medianOf(Float64Array.from(xs));
        return Number.isNaN(m) ? Number.isNaN(got) : got === m;
      }),
    );
  });
});
