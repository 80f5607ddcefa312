import { describe, expect, it } from 'vitest';
import { expectClose } from '../helpers/close.js';
import { synthesizeCohort } from '../../src/data/synth.js';
import { streams } from '../../src/random/index.js';
import { assessRobustness, capacityLine, prioritise, priorityCsv, scorePatients } from '../../src/priority/index.js';
import { programSection } from '../../src/scenario/sections/program.js';
import { settings } from './fixtures.js';

const { table } = synthesizeCohort(600, streams(5));

describe('assessRobustness', () => {
  const result = scorePatients(table, settings());
  it('with zero perturbation every draw reproduces the base ranking: tau 1, rank interval = rank, nobody unstable', () => {
    const r = assessRobustness(result, table.ids, { draws: 5, perturbation: 0, topN: 50, unstableShare: 0.1 }, streams(1).stream('priority/robustness'));
    expect(r.kendallTau.min).toBe(1);
    for (const i of result.order) {
      expect(r.rankMin[i]).toBe(result.rank[i]);
      expect(r.rankMax[i]).toBe(result.rank[i]);
    }
    expect(r.unstableCount).toBe(0);
  });
  it('with ±20% tau drops below 1 but stays high, and unstable patients sit near the line', () => {
    const r = assessRobustness(result, table.ids, { draws: 60, perturbation: 0.2, topN: 50, unstableShare: 0.1 }, streams(1).stream('priority/robustness'));
    expect(r.kendallTau.mean).toBeLessThan(1);
    expect(r.kendallTau.min).toBeGreaterThan(0.8);
    for (const i of result.order) expect(r.rankMin[i]!).toBeLessThanOrEqual(r.rankMax[i]!);
    expect(r.unstableCount).toBeGreaterThan(0);
    for (let i = 0; i < table.ids.length; i++) {
      if (!r.unstable[i]) continue;
      expect(r.rankMin[i]!).toBeLessThanOrEqual(50);
      expect(r.rankMax[i]!).toBeGreaterThan(50);
    }
  });
  it('is reproducible from the seed', () => {
    const a = assessRobustness(result, table.ids, { draws: 10, perturbation: 0.2, topN: 50, unstableShare: 0.1 }, streams(3).stream('priority/robustness'));
    const b = assessRobustness(result, table.ids, { draws: 10, perturbation: 0.2, topN: 50, unstableShare: 0.1 }, streams(3).stream('priority/robustness'));
    expect(b.kendallTau).toEqual(a.kendallTau);
    expect(Array.from(b.topNShare)).toEqual(Array.from(a.topNShare));
  });
});

describe('capacityLine(order, columns, program) reads the service model', () => {
  const program = programSection.parse({});
  it('admits patients in rank order until the year\'s nurse-days run out (hand example, per-nurse shifts)', () => {
    // Each visit: 2 units × 1.8 + 0.5 obs + 0.6 set-up + 3.45 pick-up + 2 × 30 min = 9.15 h ≤ 8 + 2 overtime → 1 a nurse-day.
    // Year: 2 nurses × 1 visit × 5 days × 365/7 = 521.43 visits. Rank 2, 0, 1: 240 + 200 = 440 fit, + 200 = 640 does not.
    const line = capacityLine(Int32Array.of(2, 0, 1), { episodes: Float64Array.of(200, 200, 240), units: Float64Array.of(400, 400, 480), travelMinOneWay: Float64Array.of(30, 30, 30) }, program);
    expect(line).toMatchObject({ topN: 2, binding: 'nurse_shifts', visitsUsed: 440, unitsUsed: 880 });
    expectClose(line.capacityUsed, 440 / ((10 * 365) / 7), { abs: 1e-12 });
  });
  it('the home unit release binds when it is small; two short visits share a nurse-day', () => {
    // 1 unit, no pick-up, no travel: 1.8 + 0.5 + 0.6 = 2.9 h → min(2 visits, ⌊10 / 2.9⌋ = 3) = 2 a nurse-day.
    // Nurses: 2 × 2 = 4 visits a day; units: 1 a day → 1 visit a day × 5 × 365/7 = 260.71 a year. 250 fit; + 20 do not.
    const p = { ...program, pickup_hours: 0, home_units_per_day: 1 };
    const line = capacityLine(Int32Array.of(0, 1), { episodes: Float64Array.of(250, 20), units: Float64Array.of(250, 20), travelMinOneWay: Float64Array.of(0, 0) }, p);
    expect(line).toMatchObject({ topN: 1, binding: 'units', visitsUsed: 250, unitsUsed: 250 });
  });
});

describe('prioritise', () => {
  it('uses the program capacity line and writes identical CSV for identical inputs', () => {
    const run = (): string => {
      const p = prioritise(table, settings({ robustness: { draws: 20 } }), { program: programSection.parse({}), rng: streams(42).stream('priority/robustness') });
      expect(p.capacity.source).toBe('program');
      expect(p.capacity.topN).toBeGreaterThan(0);
      return priorityCsv(table.ids, p.result, p.robustness);
    };
    expect(run()).toBe(run());
  });
});
