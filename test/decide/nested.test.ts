/**
 * The nested variance decomposition against a synthetic nested normal model with known components:
 * Y_oi = μ + A_o + e_oi, A_o ~ N(0, σ²_A), e_oi ~ N(0, σ²_e). Closed forms (Searle, Casella & McCulloch 1992,
 * §3.6): E[MSW] = σ²_e, Var(MSW) = 2σ⁴_e / (O(n − 1)); E[MSB] = nσ²_A + σ²_e, Var(MSB) = 2(nσ²_A + σ²_e)² / (O − 1);
 * the combined interval ȳ ± t(O − 1)·√(MSB/(On)) covers μ at exactly its level.
 */
import { describe, expect, it } from 'vitest';
import { nestedVariance } from '../../src/decide/nested.js';
import { normal, streams } from '../../src/random/index.js';
import { expectClose } from '../helpers/close.js';

const MU = 10, SD_A = 2, SD_E = 3;

function nestedSample(seed: number, outer: number, inner: number, sdA = SD_A): Float64Array {
  const rng = streams(seed).stream('nested');
  const y = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    const a = normal(rng, 0, sdA);
    for (let i = 0; i < inner; i++) y[o * inner + i] = MU + a + normal(rng, 0, SD_E);
  }
  return y;
}

describe('nestedVariance', () => {
  it('matches a hand calculation: [[1,2,3],[4,5,6]] → MSW 1, MSB 13.5, σ²_A 12.5/3', () => {
    const r = nestedVariance([1, 2, 3, 4, 5, 6], 2, 3);
    expect(r.mean).toBe(3.5);
    expectClose(r.noiseVariance, 1, { abs: 1e-12 });
    expectClose(r.inputVariance, 12.5 / 3, { abs: 1e-12 });
    // t(0.975, 1) = 12.7062 (tables); half-width 12.7062 · √(13.5 / 6)
    expectClose(r.combined.ciHigh - r.mean, 12.7062 * Math.sqrt(13.5 / 6), { rel: 1e-4 });
  });

  it('recovers σ²_A = 4 and σ²_e = 9 within 4 closed-form sd (O = 400, n = 10)', () => {
    const O = 400, n = 10;
    const r = nestedVariance(nestedSample(1, O, n), O, n);
    const sdMsw = SD_E ** 2 * Math.sqrt(2 / (O * (n - 1)));
    const ems = n * SD_A ** 2 + SD_E ** 2;
    const sdA2 = Math.sqrt((2 / n ** 2) * (ems ** 2 / (O - 1) + SD_E ** 4 / (O * (n - 1))));
    expectClose(r.noiseVariance, SD_E ** 2, { abs: 4 * sdMsw });
    expectClose(r.inputVariance, SD_A ** 2, { abs: 4 * sdA2 });
    expectClose(r.inputShare, 4 / 13, { abs: 0.1 });
  });

  it('is unbiased: the mean of σ²_A and σ²_e over 300 seeds is within 4 standard errors of the truth', () => {
    const O = 20, n = 5, seeds = 300;
    let sumA = 0, sumE = 0;
    for (let s = 0; s < seeds; s++) {
      const r = nestedVariance(nestedSample(100 + s, O, n), O, n);
      sumA += r.inputVariance; sumE += r.noiseVariance;
    }
    const ems = n * SD_A ** 2 + SD_E ** 2;
    // truncation at 0 adds a small upward bias; with E[MSB] = 29 ≫ MSW = 9 it is negligible here
    const seA = Math.sqrt((2 / n ** 2) * (ems ** 2 / (O - 1) + SD_E ** 4 / (O * (n - 1))) / seeds);
    const seE = SD_E ** 2 * Math.sqrt(2 / (O * (n - 1)) / seeds);
    expectClose(sumA / seeds, SD_A ** 2, { abs: 4 * seA });
    expectClose(sumE / seeds, SD_E ** 2, { abs: 4 * seE });
  });

  it('the combined interval covers μ at about 95% over 400 seeds; the noise-only one falls short', () => {
    const O = 8, n = 5, seeds = 400;
    let combined = 0, noise = 0;
    for (let s = 0; s < seeds; s++) {
      const r = nestedVariance(nestedSample(1000 + s, O, n), O, n);
      if (r.combined.ciLow <= MU && MU <= r.combined.ciHigh) combined++;
      if (r.noiseOnly.ciLow <= MU && MU <= r.noiseOnly.ciHigh) noise++;
    }
    // binomial sd at 95% over 400: 1.09%; accept ±3.5 sd
    expectClose(combined / seeds, 0.95, { abs: 0.038 });
    // noise-only: Var(ȳ) understated by a factor 9 / 29, so its coverage ≈ 2Φ(2.03·√(9/29)) − 1 ≈ 0.74
    expect(noise / seeds).toBeLessThan(0.85);
  });

  it('with no input effect the input share is near 0', () => {
    const r = nestedVariance(nestedSample(7, 200, 10, 0), 200, 10);
    expect(r.inputShare).toBeLessThan(0.05);
  });

  it('rejects misuse', () => {
    expect(() => nestedVariance([1, 2, 3], 2, 2)).toThrow(/expected 4/);
    expect(() => nestedVariance([1, 2], 1, 2)).toThrow(/outer/);
  });
});
