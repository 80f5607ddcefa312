/**
 * Capacity search against an Erlang-loss (M/M/c/c) system whose served share is 1 − ErlangB(c, a) in closed
 * form. Each replication serves N = 200 arrivals, arrival j served when u_j < 1 − B(c, a), with u_j from the
 * replication's own stream — so replication r uses the same uniforms at every c (common random numbers), and
 * the served share is a binomial proportion around the closed form.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exponential, streams } from '../../src/random/index.js';
import {
  bisectionVisitBound, capacityGrid, capacityIssues, capacityRows, capacitySearch,
} from '../../src/decide/capacity.js';
import { formatIssues } from '../../src/errors.js';
import type { CapacityOptions } from '../../src/decide/capacity.js';
import { runProcedure, runProcedureAsync } from '../../src/decide/drive.js';
import { lookSchedule, testLevel } from '../../src/decide/levelTest.js';
import { expectClose } from '../helpers/close.js';
import { bernoulliShare, erlangB } from './erlang.js';

const ARRIVALS_PER_REPLICATION = 200;
const OFFERED_ERLANGS = 8;
const LEVELS = Array.from({ length: 16 }, (_, i) => i + 1);
/** The recursion is exact up to rounding; the table value is printed to 4 decimals. */
const TABLE_ABS = 5e-5;

function servedShare(seed: number, p: (c: number) => number) {
  return (c: number, rep: number): number => bernoulliShare(seed, rep, p(c), ARRIVALS_PER_REPLICATION);
}

const erlangServed = (c: number): number => 1 - erlangB(c, OFFERED_ERLANGS);
/** Smallest level whose closed-form served share meets `target` — the truth the search must find. */
const trueMinimum = (target: number): number => LEVELS.find((c) => erlangServed(c) >= target)!;

describe('erlangB (test truth)', () => {
  it('matches the Erlang B table: B(5, 3 erlangs) = 0.1101', () => {
    expectClose(erlangB(5, 3), 0.1101, { abs: TABLE_ABS });
  });
});

describe('capacitySearch on an Erlang-loss system', () => {
  const options: CapacityOptions = { levels: LEVELS, target: { op: '>=', value: 0.9 }, confidence: 0.95 };

  it('returns c = 11 for a = 8 erlangs and served share ≥ 0.90 (closed form: 0.8783 at 10, 0.9187 at 11)', () => {
    expect(trueMinimum(0.9)).toBe(11);
    const result = runProcedure(capacitySearch(options), servedShare(1, erlangServed));
    expect(result.status).toBe('found');
    expect(result.level).toBe(11);
    const at11 = result.visited.find((r) => r.level === 11)!;
    expect(at11.verdict).toBe('feasible');
    expect(at11.ciLow).toBeGreaterThanOrEqual(0.9);
    expect(result.visited.find((r) => r.level === 10)!.verdict).toBe('infeasible');
    expect(result.replications).toBe(result.visited.reduce((t, r) => t + r.replications, 0));
    expect(capacityIssues(result, '--vary c')).toEqual([]);
  });

  it('holds its confidence statement over 200 seeds, even with the target 0.0003 above the share at c = 11', () => {
    const target = 0.919; // closed form: 0.91871 at c = 11, 0.94859 at c = 12 → true minimum 12
    expect(trueMinimum(target)).toBe(12);
    const hard: CapacityOptions = { ...options, target: { op: '>=', value: target } };
    let atLeastTrue = 0, exact = 0;
    for (let seed = 0; seed < 200; seed++) {
      const r = runProcedure(capacitySearch(hard), servedShare(1000 + seed, erlangServed));
      if (r.level !== null && r.level >= 12) atLeastTrue++;
      if (r.level === 12) exact++;
    }
    // Stated rate 95%; slack three binomial standard errors over 200 runs: 3·√(0.05·0.95/200) ≈ 0.046.
    expect(atLeastTrue / 200).toBeGreaterThanOrEqual(0.95 - 0.046);
    expect(exact).toBeGreaterThan(150); // the answer is also usually the smallest, not merely safe
  });

  it('finds the exact minimum in ≥ 95% of 200 seeds when the levels are well separated', () => {
    let exact = 0;
    for (let seed = 0; seed < 200; seed++) {
      if (runProcedure(capacitySearch(options), servedShare(5000 + seed, erlangServed)).level === 11) exact++;
    }
    expect(exact / 200).toBeGreaterThanOrEqual(0.95 - 0.046);
  });

  it('spends fewer replications than the full grid at equal confidence, with the same answer', () => {
    let bisectTotal = 0, gridTotal = 0;
    for (let seed = 0; seed < 10; seed++) {
      const evaluate = servedShare(9000 + seed, erlangServed);
      const bisect = runProcedure(capacitySearch(options), evaluate);
      const grid = runProcedure(capacityGrid(options), evaluate);
      expect(grid.visited.length).toBe(16);
      expect(bisect.level).toBe(grid.level);
      expect(bisect.replications).toBeLessThan(grid.replications);
      expect(grid.alphaPerLook).toBeLessThan(bisect.alphaPerLook); // grid pays Bonferroni over 16 levels
      bisectTotal += bisect.replications;
      gridTotal += grid.replications;
    }
    // Bisection tests ≤ 6 of 16 levels; the far-off levels the grid adds decide at their first look of 10,
    // so the saving is less than 6/16 suggests — measured ≈ 0.43 of the grid's replications over these seeds.
    expect(bisectTotal).toBeLessThan(0.6 * gridTotal);
  });

  it('gives the same result through the asynchronous batch driver', async () => {
    const evaluate = servedShare(3, erlangServed);
    const sync = runProcedure(capacitySearch(options), evaluate);
    const batches: number[] = [];
    const async = await runProcedureAsync(capacitySearch(options), async (req) => {
      batches.push(req.to - req.from);
      return Array.from({ length: req.to - req.from }, (_, i) => evaluate(req.level, req.from + i));
    });
    expect(async).toEqual(sync);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(sync.replications);
  });
});

describe('capacitySearch on a simulated M/M/c/c queue', () => {
  /** 8 arrivals per unit time, unit mean service, 200 warm-up arrivals (25 mean service times), 2,000 counted. */
  const LAMBDA = 8, WARM_UP = 200, COUNTED = 2_000;

  /** Served share of one replication; arrival and service streams depend on the replication only (CRN). */
  function simulatedShare(seed: number) {
    return (c: number, rep: number): number => {
      const s = streams(seed).child(`loss/rep/${rep}`);
      const arrivals = s.stream('arrivals'), service = s.stream('service');
      const busyUntil = new Float64Array(c);
      let t = 0, served = 0;
      for (let j = 0; j < WARM_UP + COUNTED; j++) {
        t += exponential(arrivals, LAMBDA);
        const duration = exponential(service, 1); // drawn for every arrival so streams stay aligned across c
        const free = busyUntil.findIndex((b) => b <= t);
        if (free >= 0) busyUntil[free] = t + duration;
        if (j >= WARM_UP && free >= 0) served++;
      }
      return served / COUNTED;
    };
  }

  it('returns c = 11 for served ≥ 0.90 and its interval at 11 covers the closed form 0.9187', () => {
    const r = runProcedure(capacitySearch({ levels: LEVELS, target: { op: '>=', value: 0.9 } }), simulatedShare(7));
    expect(r.level).toBe(11);
    const at11 = r.visited.find((v) => v.level === 11)!;
    expect(at11.ciLow).toBeLessThanOrEqual(erlangServed(11));
    expect(at11.ciHigh).toBeGreaterThanOrEqual(erlangServed(11));
  });
});

describe('capacitySearch procedure', () => {
  /** Zero-variance evaluator: every interval collapses to the value, so each level decides at its first look. */
  const step = (threshold: number) => (c: number): number => (c >= threshold ? 1 : 0);

  it('visits top, bottom, then midpoints: levels 1..12, feasible from 4 → 12, 1, 6, 3, 4 (hand trace)', () => {
    const r = runProcedure(capacitySearch({ levels: LEVELS.slice(0, 12), target: { op: '>=', value: 0.5 } }), step(4));
    expect(r.visited.map((v) => v.level)).toEqual([12, 1, 6, 3, 4]);
    expect(r.level).toBe(4);
    expect(r.replications).toBe(50); // five levels × the first look of 10
    const rows = capacityRows(r);
    expect(rows.map((row) => [row.level, row.order, row.verdict])).toEqual([
      [1, 2, 'infeasible'], [3, 4, 'infeasible'], [4, 5, 'feasible'], [6, 3, 'feasible'], [12, 1, 'feasible']]);
    expect(rows.every((row) => row.replications === 10 && row.ci_low === row.mean)).toBe(true);
  });

  it('visits at most the bound the α split assumes and finds the step, for every m and step (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 41 }), (m, stepAt) => {
      const levels = Array.from({ length: m }, (_, i) => i + 1);
      const r = runProcedure(capacitySearch({ levels, target: { op: '>=', value: 0.5 } }), step(stepAt));
      expect(r.visited.length).toBeLessThanOrEqual(bisectionVisitBound(m));
      expect(new Set(r.visited.map((v) => v.level)).size).toBe(r.visited.length); // no level tested twice
      const truth = levels.find((c) => c >= stepAt) ?? null;
      expect(r.level).toBe(truth);
      expect(r.status).toBe(truth === null ? 'none_feasible' : 'found');
    }));
  });

  it('splits α over ⌈log₂(m−1)⌉ + 2 levels and the looks', () => {
    expect(bisectionVisitBound(12)).toBe(6);
    expect(bisectionVisitBound(2)).toBe(2);
    expect(lookSchedule(10, 320, 2)).toEqual([10, 20, 40, 80, 160, 320]);
    const r = runProcedure(capacitySearch({ levels: LEVELS.slice(0, 12), target: { op: '>=', value: 0.5 } }), step(4));
    expectClose(r.alphaPerLook, 0.05 / (6 * 6), { rel: 1e-12 });
  });

  it('answers the lowest level when it already meets the target, and none when the highest does not', () => {
    const levels = [2, 4, 6];
    expect(runProcedure(capacitySearch({ levels, target: { op: '>=', value: 0.5 } }), step(0)).level).toBe(2);
    const none = runProcedure(capacitySearch({ levels, target: { op: '>=', value: 0.5 } }), step(99));
    expect(none.status).toBe('none_feasible');
    expect(none.level).toBeNull();
  });

  it('handles targets that want the measure low (waits ≤ 7 days fall with capacity)', () => {
    const r = runProcedure(capacitySearch({ levels: LEVELS, target: { op: '<=', value: 7 } }), (c) => 40 / c);
    expect(r.level).toBe(6); // 40/6 = 6.67 ≤ 7 < 40/5 = 8
  });

  it('reports non-monotone evidence when the factor makes things worse (verdicts contradict)', () => {
    const worse = (c: number): number => (c <= 3 ? 1 : 0);
    const r = runProcedure(capacitySearch({ levels: LEVELS, target: { op: '>=', value: 0.5 } }), worse);
    expect(r.status).toBe('non_monotone');
    expect(r.nonMonotone).toMatchObject({ lower: 1, higher: 16, kind: 'verdicts' });
    expect(r.message).toMatch(/not monotone/);
    expect(formatIssues(capacityIssues(r, '--vary program.nurses'))).toBe('--vary program.nurses: The measure is not'
      + ' monotone in the factor: level 1 meets >= 0.5 but level 16 does not; bisection does not apply (use a grid).');
  });

  it('reports a significant paired drop under common random numbers between two feasible levels', () => {
    // Served share 0.99 at c = 8 (the first midpoint) but 0.95 at 16, both above the 0.9 target.
    const bump = (c: number): number => (c === 8 ? 0.99 : c >= 9 ? 0.95 : 0.5);
    const r = runProcedure(capacitySearch({ levels: LEVELS, target: { op: '>=', value: 0.9 } }), servedShare(4, bump));
    expect(r.status).toBe('non_monotone');
    expect(r.nonMonotone).toMatchObject({ lower: 8, higher: 16, kind: 'paired_difference' });
    expect(r.nonMonotone!.difference.ciHigh).toBeLessThan(0);
  });

  it('treats a paired drop within monotoneTolerance as flat (a plateau), and one beyond it as evidence', () => {
    // 0.99 at c = 8, 0.95 at 9..16: a 0.04 drop. Tolerance 0.1 → flat, smallest feasible found; 0.01 → evidence.
    const plateau = (c: number): number => (c === 8 ? 0.99 : c >= 9 ? 0.95 : 0.5);
    const opts = { levels: LEVELS, target: { op: '>=', value: 0.9 } } as const;
    const flat = runProcedure(capacitySearch({ ...opts, monotoneTolerance: 0.1 }), servedShare(4, plateau));
    expect(flat.status).toBe('found');
    expect(flat.level).toBe(8);
    const strict = runProcedure(capacitySearch({ ...opts, monotoneTolerance: 0.01 }), servedShare(4, plateau));
    expect(strict.status).toBe('non_monotone');
  });

  it('capacityGrid, the stated fallback, answers the smallest feasible level even when the measure is not monotone', () => {
    // feasible at 3 only by the 0/1 response: the grid names 3 and the evidence (1 ≤ 3 but 16 fails)
    const worse = (c: number): number => (c >= 3 && c <= 5 ? 1 : 0);
    const r = runProcedure(capacityGrid({ levels: LEVELS, target: { op: '>=', value: 0.5 } }), worse);
    expect(r.status).toBe('found');
    expect(r.level).toBe(3);
    expect(r.nonMonotone).toMatchObject({ lower: 3, kind: 'verdicts' });
    expect(r.message).toMatch(/^Level 3 is the smallest.*not monotone.*grid judges every level on its own\.$/);
  });

  it('marks a level whose mean sits on the target undecided at the cap and moves above it', () => {
    // Level 5 alternates 0.4/0.6 around the 0.5 target: its interval never clears.
    const r = runProcedure(capacitySearch({ levels: [4, 5, 6], target: { op: '>=', value: 0.5 }, maxReplications: 40 }),
      (c, rep) => (c < 5 ? 0 : c > 5 ? 1 : rep % 2 ? 0.4 : 0.6));
    expect(r.undecided).toEqual([5]);
    expect(r.level).toBe(6);
    expect(r.visited.find((v) => v.level === 5)!.replications).toBe(40);
    expect(r.message).toMatch(/undecided/);
  });

  it('answers the lowest level when it is shown feasible even if the highest stayed undecided', () => {
    const r = runProcedure(capacitySearch({ levels: [1, 2, 3], target: { op: '>=', value: 0.5 }, maxReplications: 20 }),
      (c, rep) => (c === 3 ? (rep % 2 ? 0.3 : 0.9) : rep % 2 ? 0.75 : 0.55)); // paired difference not significant
    expect(r.status).toBe('found');
    expect(r.level).toBe(1);
    expect(r.undecided).toEqual([3]);
  });

  it('rejects misuse: levels that do not increase, a confidence outside (0, 1)', () => {
    const target = { op: '>=', value: 1 } as const;
    expect(() => capacitySearch({ levels: [3, 2], target }).next()).toThrow(/levels must increase/);
    expect(() => capacitySearch({ levels: [1], target, confidence: 1 }).next()).toThrow(/confidence/);
  });
});

describe('testLevel', () => {
  it('without the Bonferroni split, six looks at α = 0.2 call an infeasible level feasible too often', () => {
    // Mean 0.5 − 0.01 under a 0.5 target, sd 0.2 per replication: each look alone errs ≤ 10% (one side of a
    // two-sided 80% interval); six looks together err more often — the reason the split is needed.
    let wrong = 0;
    const runs = 300;
    for (let seed = 0; seed < runs; seed++) {
      const rng = streams(seed).stream('looks');
      const plan = { target: { op: '>=', value: 0.5 }, schedule: lookSchedule(10, 320, 2), alphaPerLook: 0.2 } as const;
      const gen = testLevel(1, plan);
      let s = gen.next();
      while (!s.done) {
        const n = s.value.to - s.value.from;
        s = gen.next(Array.from({ length: n }, () => 0.49 + 0.2 * Math.sqrt(12) * (rng.next() - 0.5)));
      }
      if (s.value.verdict === 'feasible') wrong++;
    }
    expect(wrong / runs).toBeGreaterThan(0.1);
  });
});
