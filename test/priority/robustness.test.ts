import { describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import { streams } from '../../src/random/index.js';
import { assessRobustness, capacityLine, prioritise, priorityCsv, scorePatients, yearlyCapacity } from '../../src/priority/index.js';
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

describe('capacityLine', () => {
  it('admits patients in rank order until a yearly resource runs out (hand example)', () => {
    const cap = { visits: 30, units: 100, nurseHours: 1000, hoursPerUnit: 1.8, hoursPerVisit: 1 };
    const line = capacityLine(Int32Array.of(2, 0, 1), Float64Array.of(10, 10, 12), Float64Array.of(20, 20, 24), cap);
    // 12 + 10 visits fit, the third (10 more → 32) does not
    expect(line).toEqual({ topN: 2, binding: 'visits', visitsUsed: 22, unitsUsed: 44, nurseHoursUsed: 44 * 1.8 + 22 });
  });
  it('yearlyCapacity: 2 nurses × 2 visits × 5 days × 52 weeks = 1040 visits', () => {
    const y = yearlyCapacity(programSection.parse({}));
    expect(y.visits).toBe(1040);
    expect(y.units).toBe(8 * 260);
  });
});

describe('prioritise', () => {
  it('uses the program capacity line and writes identical CSV for identical inputs', () => {
    const run = (): string => {
      const p = prioritise(table, settings({ robustness: { draws: 20 } }), { capacity: yearlyCapacity(programSection.parse({})), rng: streams(42).stream('priority/robustness') });
      expect(p.capacity.source).toBe('program');
      expect(p.capacity.topN).toBeGreaterThan(0);
      return priorityCsv(table.ids, p.result, p.robustness);
    };
    expect(run()).toBe(run());
  });
});
