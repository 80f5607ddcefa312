import { describe, expect, it } from 'vitest';
import { streams } from '../../src/random/index.js';
import { quantileSorted, quantilesInPlace } from '../../src/stats/index.js';

const PS = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];

describe('quantilesInPlace', () => {
  it('equals quantileSorted on a sorted copy, bit for bit, on 400 random arrays with ties (n 0..2,000)', () => {
    const rng = streams(18).stream('select');
    for (let t = 0; t < 400; t++) {
      const n = Math.floor(rng.next() ** 2 * 2001);
      const distinct = [2, 10, 1e9][t % 3]!;
      const values = Float64Array.from({ length: n }, () => Math.floor(rng.next() * distinct) / 7 - 3);
      const sorted = Float64Array.from(values).sort();
      const got = quantilesInPlace(Float64Array.from(values), PS);
      expect(got).toEqual(PS.map((p) => quantileSorted(sorted, p)));
    }
  });

  it('matches the R-7 hand calculation and returns NaN when empty', () => {
    // n = 4: h = 3·0.25 = 0.75 → 1 + 0.75·(2 − 1) = 1.75; median h = 1.5 → 2.5
    expect(quantilesInPlace(Float64Array.of(4, 1, 3, 2), [0.25, 0.5])).toEqual([1.75, 2.5]);
    expect(quantilesInPlace(new Float64Array(0), [0.5])).toEqual([Number.NaN]);
  });

  it('handles adversarial orders (sorted, reversed, organ-pipe, all equal) of 50,000 values', () => {
    const n = 50_000;
    const orders = [
      Float64Array.from({ length: n }, (_, i) => i),
      Float64Array.from({ length: n }, (_, i) => n - i),
      Float64Array.from({ length: n }, (_, i) => Math.min(i, n - i)),
      new Float64Array(n).fill(5),
    ];
    for (const values of orders) {
      const sorted = Float64Array.from(values).sort();
      expect(quantilesInPlace(Float64Array.from(values), PS)).toEqual(PS.map((p) => quantileSorted(sorted, p)));
    }
  });

  it('refuses p outside [0, 1], naming it', () => {
    const bad = (): number[] => quantilesInPlace(Float64Array.of(1, 2), [1.5]);
    expect(bad).toThrow('quantilesInPlace: p must be in [0, 1], got 1.5');
  });
});
