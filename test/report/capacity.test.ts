import { describe, expect, it } from 'vitest';
import type { PatientTable } from '../../src/data/table.js';
import { capacityCheck } from '../../src/report/capacity.js';
import { pseudonymize } from '../../src/data/pseudonymize.js';
import { parseScenario } from '../../src/scenario/load.js';
import { expectClose } from '../helpers/close.js';

/** Arithmetic only: floating error of a few ulps. */
const ARITHMETIC = { abs: 1e-12 };

function table(cols: Record<string, number[]>): PatientTable {
  const n = Object.values(cols)[0]!.length;
  return { idColumn: 'patient_id', ids: Array.from({ length: n }, (_, i) => `p${i}`), columns: Object.entries(cols).map(([name, v]) => ({ kind: 'numeric' as const, name, values: Float64Array.from(v) })) };
}

describe('capacityCheck(program, table)', () => {
  const program = parseScenario('program: { nurses: 2 }\n', 'x.yaml').scenario.program;
  it('matches a hand calculation (2 nurses, 8 h shifts + 2 h overtime, 2 units a visit, 30 min travel each way)', () => {
    const k = capacityCheck(program, table({ units_per_episode: [2, 2], travel_min_one_way: [30, 30], episodes_12m: [52, 104] }));
    // visit = 2 × 1.8 + 0.5 observation + 0.6 set-up + 3.45 pick-up + 1.0 travel = 9.15 h → 1 visit per nurse-day
    // (DOMAIN.md: 4.36 h nursing + 4.45 h travel a visit) → 2 nurses × 5 days = 10; units 8 / 2 = 4 a day = 20
    expectClose(k.nurseHoursPerVisit, 9.15, ARITHMETIC);
    expect([k.visitsPerNurseDay, k.visitsPerWeekByNurseShifts, k.visitsPerWeekByUnits]).toEqual([1, 10, 20]);
    expect(k.bindingLimit).toBe('nurse_shifts');
    expect(k.homeVisitsPerWeek).toBe(10);
    // 156 episodes a year / (365 / 7) weeks
    expectClose(k.demandEpisodesPerWeek!, (156 * 7) / 365, ARITHMETIC);
    expect(k.homeShareCoverable).toBe(1);
  });
  it('the blood supply binds when units per day are few, and demand is null without episodes_12m', () => {
    const k = capacityCheck({ ...program, home_units_per_day: 2 }, table({ units_per_episode: [2] }));
    expect(k.visitsPerWeekByUnits).toBe(5); // 2 units a day / 2 a visit × 5 days
    expect(k.bindingLimit).toBe('units');
    expect(k.demandEpisodesPerWeek).toBeNull();
    expect(k.homeShareCoverable).toBeNull();
  });
});

describe('pseudonymize(ids, key)', () => {
  it('gives P- + 12 hex, the same for the same key, different for another key, distinct per id', () => {
    const a = pseudonymize(['p1', 'p2', 'p3'], 'k1');
    expect(a.every((x) => /^P-[0-9a-f]{12}$/.test(x))).toBe(true);
    expect(pseudonymize(['p1', 'p2', 'p3'], 'k1')).toEqual(a);
    expect(pseudonymize(['p1'], 'k2')[0]).not.toBe(a[0]);
    expect(new Set(a).size).toBe(3);
  });
});

describe('countOverDays(count, simulation)', () => {
  it('states the counted days after the warm-up and the yearly rate (539 over 337 days → 539 × 365 / 337 ≈ 584 a year)', async () => {
    const { countOverDays, perYear } = await import('../../src/report/stages.js');
    expect(countOverDays(539, { horizon_days: 365, warmup_days: 28 }, 'transfusions')).toBe('539 transfusions over 337 days after a 28-day warm-up = 584 a year');
    expectClose(perYear(539, { horizon_days: 365, warmup_days: 28 }), (539 * 365) / 337, ARITHMETIC);
    expect(perYear(5, { horizon_days: 28, warmup_days: 28 })).toBeNaN(); // no day counted
  });
});
