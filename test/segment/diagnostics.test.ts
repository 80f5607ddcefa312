import { describe, expect, it } from 'vitest';
import { streams } from '../../src/random/index.js';
import { cdfArea, consensusCdf } from '../../src/segment/diagnostics.js';

/** The definition, spelled out: share of the non-NaN values at or below each of `points` even thresholds. */
function bruteCdf(values: readonly number[], points: number): number[] {
  const xs = values.filter((v) => !Number.isNaN(v));
  const out: number[] = [];
  for (let t = 0; t < points; t++) {
    let c = 0;
    for (const v of xs) if (v <= t / (points - 1) + 1e-12) c++;
    out.push(xs.length ? c / xs.length : Number.NaN);
  }
  return out;
}

describe('consensusCdf', () => {
  it('equals the definition on random consensus values, with NaNs and values exactly on the thresholds', () => {
    const rng = streams(11).stream('cdf');
    for (let rep = 0; rep < 200; rep++) {
      const n = Math.floor(rng.next() * 300);
      const v: number[] = [];
      for (let i = 0; i < n; i++) {
        const u = rng.next();
        // members agree in tenths (m of 10 members) often; exact thresholds and NaN (pair never co-sampled) too
        v.push(u < 0.1 ? Number.NaN : u < 0.5 ? Math.floor(rng.next() * 11) / 10 : u < 0.6 ? Math.floor(rng.next() * 11) * 0.1 : rng.next());
      }
      const points = rep % 3 === 0 ? 5 : 11;
      expect(consensusCdf(Float64Array.from(v), points)).toEqual(bruteCdf(v, points));
    }
  });

  it('is a CDF: non-decreasing, ends at 1; NaN everywhere when no value is usable', () => {
    const cdf = consensusCdf(Float64Array.from([0, 0.2, 0.2, 1, Number.NaN]));
    expect(cdf[0]).toBe(0.25);
    expect(cdf[2]).toBe(0.75);
    expect(cdf[10]).toBe(1);
    for (let t = 1; t < cdf.length; t++) expect(cdf[t]!).toBeGreaterThanOrEqual(cdf[t - 1]!);
    expect(consensusCdf(Float64Array.from([Number.NaN]))).toEqual(Array(11).fill(Number.NaN));
    expect(cdfArea(Float64Array.from([0, 1]))).toBe(0.5);
  });
});
