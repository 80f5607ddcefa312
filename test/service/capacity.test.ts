/** The service model's calendar, visit length and capacity against hand calculations from DOMAIN.md figures. */
import { describe, expect, it } from 'vitest';
import { programSection } from '../../src/scenario/sections/program.js';
import {
  NurseRoster, fillYearlyCapacity, homeVisitHours, homeVisitsPerYear, incrementPerUnitGdl, nursesOnWeekday, visitsPerNurseDay,
  weekCapacity, weekdayAfter, yearCapacity,
} from '../../src/service/index.js';
import { expectClose } from '../helpers/close.js';

/** Sums of a few decimals. */
const ARITHMETIC = { abs: 1e-12 };
const program = programSection.parse({});

describe('service calendar', () => {
  it('weekdayAfter: day 0 of the simulation is a Monday, day 5 a Saturday, day 13 a Sunday; negative offsets wrap', () => {
    expect([0, 5, 6, 7, 13].map((d) => weekdayAfter(1, d))).toEqual([1, 6, 7, 1, 7]);
    expect(weekdayAfter(3, -3)).toBe(7);
  });
  it('nursesOnWeekday rounds nurses × availability down (3 × 0.5 = 1.5 → 1; 2 × 0.5 = 1 despite float error), 0 off duty', () => {
    const p = { ...program, nurses: 3, nurse_availability: [0.5, 1, 1, 1, 1, 1, 1] };
    expect([1, 2, 6].map((wd) => nursesOnWeekday(p, wd))).toEqual([1, 3, 0]);
    expect(nursesOnWeekday({ ...program, nurses: 2, nurse_availability: [0.1 * 5, 1, 1, 1, 1, 1, 1] }, 1)).toBe(1);
  });
});

describe('service visit length (DOMAIN.md, Time)', () => {
  it('a 1.81-unit visit to a patient 30 min away takes 4.36 h nursing + 4.45 h travel (pubmed 2299476)', () => {
    // 1.81 × 1.8 + 0.5 observation + 0.6 set-up = 3.758 ≈ 4.36 (the set-up default rounds 0.602 to 0.6); 3.45 + 1 = 4.45
    expectClose(homeVisitHours(program, 248 / 137, 30), 4.36 + 4.45, { abs: 0.01 });
  });
  it('one nurse\'s day holds min(visits per nurse, ⌊(shift + overtime) / visit⌋) visits', () => {
    expect(visitsPerNurseDay(program, 9.15)).toBe(1); // 9.15 ≤ 8 + 2
    expect(visitsPerNurseDay(program, 10.5)).toBe(0); // beyond the overtime cap
    expect(visitsPerNurseDay(program, 3)).toBe(2); // ⌊10 / 3⌋ = 3, capped at 2 visits
    expect(visitsPerNurseDay({ ...program, overtime_max_hours: 0 }, 9.15)).toBe(0);
  });
  it('NurseRoster gives each visit to the first nurse it fits, never splitting a visit across nurses', () => {
    const r = new NurseRoster({ ...program, overtime_max_hours: 0 }, 2); // 8 h each, 2 visits each
    expect([5, 5, 3, 3, 1].map((h) => r.place(h))).toEqual([0, 1, 0, 1, -1]); // pooled 16 h would take 17 h of visits minus 1
    expect(Array.from(r.hours)).toEqual([8, 8]);
  });
  it('incrementPerUnitGdl: 1 g/dL per unit at 70 kg, scaled by 70/weight within [0.7, 1.4]', () => {
    expect([70, 35, 140, 50].map((w) => incrementPerUnitGdl(1, w))).toEqual([1, 1.4, 0.7, 1.4]);
  });
});

describe('service capacity', () => {
  it('weekCapacity: 2 nurses × 1 visit (9.15 h) × 5 days = 10 a week; units allow 4 a day', () => {
    const w = weekCapacity(program, 9.15, 2);
    expect(w.homeVisitsPerWeek).toBe(10);
    expect(w.binding).toBe('nurse_shifts');
    expect(w.days.map((d) => d.homeVisits)).toEqual([2, 2, 2, 2, 2, 0, 0]);
    expectClose(homeVisitsPerYear(program, 9.15, 2), (10 * 365) / 7, ARITHMETIC);
  });
  it('per weekday: Monday 1 of 3 nurses; units bind on the other days (min per day, not per week)', () => {
    // 3.9 h visits (1 unit, 15 min away, 0.5 h pick-up): 2 a nurse. Mon min(1×2, 5) = 2; Tue–Fri min(3×2, 5) = 5 → 22
    const p = { ...program, nurses: 3, nurse_availability: [0.5, 1, 1, 1, 1, 1, 1], pickup_hours: 0.5, home_units_per_day: 5 };
    const h = homeVisitHours(p, 1, 15);
    expectClose(h, 3.9, ARITHMETIC);
    const w = weekCapacity(p, h, 1);
    expect(w.days.map((d) => d.homeVisits)).toEqual([2, 5, 5, 5, 5, 0, 0]);
    expect(w.homeVisitsPerWeek).toBe(22);
    expect(w.binding).toBe('units');
  });
  it('yearCapacity: 2 nurses × 5 days × 365/7 nurse-days; 8 units × 5 × 365/7', () => {
    const y = yearCapacity(program);
    expectClose(y.nurseDays, (10 * 365) / 7, ARITHMETIC);
    expectClose(y.homeUnits, (40 * 365) / 7, ARITHMETIC);
  });
  it('fillYearlyCapacity passes over a visit no nurse day holds and stops at the first that does not fit', () => {
    const demand = { episodesPerYear: [100, 50, 400, 10], visitHours: [9.15, 12, 9.15, 9.15], unitsPerVisit: [2, 2, 2, 2] };
    const f = fillYearlyCapacity(program, demand, [0, 1, 2, 3], 1); // capacity 521.4 a year: 100 + 400 fit, then 10 does not? 510 ≤ 521.4
    expect(Array.from(f.admitted)).toEqual([1, 0, 1, 1]);
    const g = fillYearlyCapacity(program, demand, [0, 1, 2, 3], 0.9); // 0.9 × 521.4 = 469.3: 100 fits, 500 does not
    expect([g.count, g.line, g.binding]).toEqual([1, 2, 'nurse_shifts']);
  });
});
