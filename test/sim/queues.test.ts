/**
 * Engine validation against closed forms, each over 30 replications with a 95% CI that must contain the
 * theoretical value — and must exclude a value 10% off, so the check can fail.
 */
import { describe, expect, it } from 'vitest';
import { exponential, streams } from '../../src/random/index.js';
import type { Rng } from '../../src/random/index.js';
import { antithetic } from '../../src/sim/engine/index.js';
import { meanCi } from '../../src/stats/index.js';
import { expectClose } from '../helpers/close.js';
import type { QueueRun } from './queue-model.js';
import { erlangC, simulateQueue } from './queue-model.js';

const REPLICATIONS = 30;
const WARM_UP = 1_000;
const HORIZON = 21_000;
/** Little's law L = λW holds up to customers straddling the window edges: about L·W/T, well under 2%. */
const LITTLE_REL = 0.02;
/** The sample-path identity area(N) = Σ time in window is exact up to float rounding. */
const IDENTITY_REL = 1e-9;
/** A value this far from theory must fall outside the CI (the test can fail). */
const WRONG_BY = 0.1;

function replicate(run: (arrivals: Rng, services: Rng) => QueueRun, seed = 2024): QueueRun[] {
  const out: QueueRun[] = [];
  for (let r = 0; r < REPLICATIONS; r++) {
    const rep = streams(seed).child(`test/rep/${r}`);
    out.push(run(rep.stream('arrivals'), rep.stream('service')));
  }
  return out;
}

function checkEveryRun(runs: readonly QueueRun[]): void {
  for (const r of runs) {
    expectClose(r.l, r.lambda * r.w, { rel: LITTLE_REL });
    expectClose(r.lFromSojourns, r.l, { rel: IDENTITY_REL });
  }
}

function expectCiContains(values: number[], theory: number): void {
  const ci = meanCi(values);
  expect(ci.n).toBe(REPLICATIONS);
  expect(ci.ciLow, `CI [${ci.ciLow}, ${ci.ciHigh}] vs ${theory}`).toBeLessThanOrEqual(theory);
  expect(ci.ciHigh, `CI [${ci.ciLow}, ${ci.ciHigh}] vs ${theory}`).toBeGreaterThanOrEqual(theory);
  const wrong = theory * (1 + WRONG_BY);
  expect(ci.ciHigh < wrong).toBe(true);
}

describe('engine against queueing theory', () => {
  it('M/M/1 (λ=0.7, μ=1): Wq = ρ/(μ−λ) = 2.333 and Little holds on every run (generator processes)', () => {
    const lambda = 0.7, mu = 1;
    const runs = replicate((a, s) => simulateQueue({
      servers: 1, interarrival: (r) => exponential(r, lambda), service: (r) => exponential(r, mu),
      arrivals: a, services: s, warmUp: WARM_UP, horizon: HORIZON, generators: true,
    }));
    checkEveryRun(runs);
    expectCiContains(runs.map((r) => r.wq), (lambda / mu) / (mu - lambda));
    // L = λ/(μ−λ) for M/M/1
    expectCiContains(runs.map((r) => r.l), lambda / (mu - lambda));
  });

  it('M/M/3 (λ=2.4, μ=1): Wq = C(3, 2.4)/(cμ−λ) (Erlang C) with callbacks', () => {
    const lambda = 2.4, mu = 1, c = 3;
    const runs = replicate((a, s) => simulateQueue({
      servers: c, interarrival: (r) => exponential(r, lambda), service: (r) => exponential(r, mu),
      arrivals: a, services: s, warmUp: WARM_UP, horizon: HORIZON,
    }));
    checkEveryRun(runs);
    const wq = erlangC(c, lambda / mu) / (c * mu - lambda);
    expectClose(erlangC(c, 2.4), 0.6472, { abs: 5e-4 }); // tabulated Erlang C for c=3, a=2.4
    expectCiContains(runs.map((r) => r.wq), wq);
  });

  it('M/D/1 (λ=0.7, D=1): Wq = ρ/(2μ(1−ρ)) = 1.1667 (Pollaczek–Khinchine)', () => {
    const lambda = 0.7;
    const runs = replicate((a, s) => simulateQueue({
      servers: 1, interarrival: (r) => exponential(r, lambda), service: () => 1,
      arrivals: a, services: s, warmUp: WARM_UP, horizon: HORIZON,
    }));
    checkEveryRun(runs);
    expectCiContains(runs.map((r) => r.wq), lambda / (2 * (1 - lambda)));
  });

  it('antithetic pairs of M/M/1 replications are negatively correlated', () => {
    // Antithetics need the output monotone in every input: gaps are drawn as −ln(u)/λ (decreasing in u) and
    // services as −ln(1−u)/μ (increasing), so the wait increases in both uniforms.
    const lambda = 0.7, mu = 1;
    const gap = (x: Rng): number => -Math.log(Math.max(x.next(), Number.MIN_VALUE)) / lambda;
    const pairs: [number, number][] = [];
    for (let r = 0; r < REPLICATIONS; r++) {
      const rep = streams(99).child(`test/rep/${r}`);
      const one = (flip: boolean): number => {
        const a = rep.stream('arrivals'), s = rep.stream('service');
        return simulateQueue({
          servers: 1, interarrival: gap, service: (x) => exponential(x, mu),
          arrivals: flip ? antithetic(a) : a, services: flip ? antithetic(s) : s, warmUp: 200, horizon: 2_200,
        }).wq;
      };
      pairs.push([one(false), one(true)]);
    }
    const mx = pairs.reduce((t, p) => t + p[0], 0) / pairs.length;
    const my = pairs.reduce((t, p) => t + p[1], 0) / pairs.length;
    const cov = pairs.reduce((t, p) => t + (p[0] - mx) * (p[1] - my), 0);
    expect(cov).toBeLessThan(0);
  });
});
