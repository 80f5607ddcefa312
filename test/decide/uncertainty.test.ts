/**
 * The nested analysis over an input-uncertainty run's layout: outer replications × inner replications ×
 * policies, each value placed where `nestedVariance` expects it (checked against a hand-arranged call), and
 * per-outer means for the recommendation (hand averages).
 */
import { describe, expect, it } from 'vitest';
import { nestedVariance } from '../../src/decide/nested.js';
import { outerMeanSamples, uncertaintyRows } from '../../src/decide/uncertainty.js';

// outer o, inner i, policy p, metric m → value
const value = (o: number, i: number, p: number, m: number): number =>
  100 * p + 10 * o + i + (m === 1 ? 0.5 * i * i : 0);
const outer = [0, 1, 2].map((o) => ({
  result: {
    policies: ['clinic_only', 'priority_greedy'], metrics: ['home', 'floor'],
    replications: [0, 1, 2, 3].map((i) => ({
      runs: [0, 1].map((p) => ({ policy: '', metrics: [value(o, i, p, 0), value(o, i, p, 1)] })),
    })),
  },
}));

describe('uncertaintyRows', () => {
  it('decomposes each policy and measure from its outer-major values', () => {
    const rows = uncertaintyRows(outer, { level: 0.9 });
    expect(rows.map((r) => `${r.policy}/${r.metric}`))
      .toEqual(['clinic_only/home', 'clinic_only/floor', 'priority_greedy/home', 'priority_greedy/floor']);
    const hand = nestedVariance([0, 1, 2].flatMap((o) => [0, 1, 2, 3].map((i) => value(o, i, 1, 1))), 3, 4, 0.9);
    expect(rows[3]).toEqual({ policy: 'priority_greedy', metric: 'floor', ...hand });
    // home: within an outer the values are o·10 + i (variance of 0..3 = 5/3); the outer means step by 10
    expect(rows[2]!.noiseVariance).toBeCloseTo(5 / 3, 12);
    expect(rows[2]!.inputVariance).toBeCloseTo(100 - 5 / 3 / 4, 12);
  });

  it('averages antithetic pairs first (inner counts pairs)', () => {
    expect(uncertaintyRows(outer, { antitheticPairs: true })[0]!.inner).toBe(2);
  });
});

describe('outerMeanSamples', () => {
  it('gives one sample per outer replication: its mean over inner replications', () => {
    const s = outerMeanSamples(outer, ['home']);
    expect(s.map((p) => p.name)).toEqual(['clinic_only', 'priority_greedy']);
    expect(Array.from(s[1]!.measures.home!)).toEqual([101.5, 111.5, 121.5]);
  });
});
