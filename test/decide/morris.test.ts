import { describe, expect, it } from 'vitest';
import { streams } from '../../src/random/index.js';
import { morrisAnalysis, morrisDesign, morrisEffects } from '../../src/decide/morris.js';
import { expectClose } from '../helpers/close.js';

/** Elementary effects of a linear model are exact differences; only float rounding separates them. */
const LINEAR_REL = 1e-9;

describe('morrisAnalysis', () => {
  it('gives μ* = |coefficient| × range and σ = 0 for a linear model (hand calculation)', () => {
    const coef = [3, -2, 0.5, 0];
    const range = [[0, 10], [5, 6], [-1, 1], [0, 100]] as const;
    const f = (u: Float64Array): number =>
      coef.reduce((s, c, i) => s + c * (range[i]![0] + (range[i]![1] - range[i]![0]) * u[i]!), 0);
    const m = morrisAnalysis(f, 4, 10, streams(1), { resamples: 100 });
    const expected = [30, 2, 1, 0]; // |3|·10, |−2|·1, |0.5|·2, 0·100
    m.forEach((factor, i) => {
      expectClose(factor.muStar.estimate, expected[i]!, { rel: LINEAR_REL, abs: 1e-12 });
      expectClose(factor.mu, coef[i]! * (range[i]![1] - range[i]![0]), { rel: LINEAR_REL, abs: 1e-12 });
      expectClose(factor.sigma, 0, { abs: 1e-9 });
    });
  });

  it('ranks the Sobol g-function factors by their a_i (a = 0, 1, 4.5, 9, 99: importance falls with a)', () => {
    // g(x) = Π (|4x_i − 2| + a_i) / (1 + a_i); |∂g/∂x_i| scales with 4 / (1 + a_i) (Saltelli et al. 2008, §3.5).
    const a = [0, 1, 4.5, 9, 99];
    const g = (u: Float64Array): number =>
      a.reduce((p, ai, i) => p * (Math.abs(4 * u[i]! - 2) + ai) / (1 + ai), 1);
    const m = morrisAnalysis(g, 5, 50, streams(2), { resamples: 200 });
    for (let i = 1; i < 5; i++) expect(m[i]!.muStar.estimate).toBeLessThan(m[i - 1]!.muStar.estimate);
    // The two most important are separated beyond their bootstrap intervals.
    expect(m[1]!.muStar.ciHigh).toBeLessThan(m[0]!.muStar.ciLow);
  });

  it('on Ishigami: a dummy factor scores 0, x3 acts only through interaction (μ ≈ 0, σ > 0)', () => {
    const ishigami = (u: Float64Array): number => {
      const x = [0, 1, 2].map((i) => -Math.PI + 2 * Math.PI * u[i]!);
      return Math.sin(x[0]!) + 7 * Math.sin(x[1]!) ** 2 + 0.1 * x[2]! ** 4 * Math.sin(x[0]!);
    };
    const m = morrisAnalysis(ishigami, 4, 100, streams(3), { resamples: 200 });
    expect(m[3]!.muStar.estimate).toBe(0);
    expect(m[3]!.sigma).toBe(0);
    for (let i = 0; i < 3; i++) expect(m[i]!.muStar.ciLow).toBeGreaterThan(0);
    // On the 4-level grid sin x1 ∈ {0, ±√3/2} symmetrically, so x3's signed effects cancel on average.
    expect(Math.abs(m[2]!.mu)).toBeLessThan(0.5 * m[2]!.muStar.estimate);
    expect(m[2]!.sigma).toBeGreaterThan(0.5 * m[2]!.muStar.estimate);
  });
});

describe('morrisDesign', () => {
  it('moves every factor exactly once per trajectory, by ±Δ on the p-level grid', () => {
    const k = 3, r = 20, p = 6, delta = p / (2 * (p - 1));
    const d = morrisDesign(k, r, streams(4).stream('m'), p);
    expect(d.delta).toBe(delta);
    for (let t = 0; t < r; t++) {
      const moved = Array.from(d.factor.subarray(t * k, (t + 1) * k)).sort();
      expect(moved).toEqual([0, 1, 2]);
      for (let s = 0; s < k; s++) {
        const before = d.rows.subarray((t * (k + 1) + s) * k, (t * (k + 1) + s + 1) * k);
        const after = d.rows.subarray((t * (k + 1) + s + 1) * k, (t * (k + 1) + s + 2) * k);
        for (let i = 0; i < k; i++) {
          const change = after[i]! - before[i]!;
          if (i === d.factor[t * k + s]) expectClose(change, d.direction[t * k + s]! * delta, { abs: 1e-12 });
          else expect(change).toBe(0);
          const gridStep = after[i]! * (p - 1);
          expectClose(gridStep, Math.round(gridStep), { abs: 1e-9 });
          expect(after[i]).toBeGreaterThanOrEqual(0);
          expect(after[i]).toBeLessThanOrEqual(1 + 1e-12);
        }
      }
    }
  });

  it('rejects an odd grid and outputs of the wrong length', () => {
    expect(() => morrisDesign(2, 4, streams(1).stream('m'), 5)).toThrow(/even/);
    const d = morrisDesign(2, 4, streams(1).stream('m'));
    expect(() => morrisEffects(d, new Float64Array(11), { rng: streams(1).stream('b') })).toThrow(/expected 12/);
  });
});
