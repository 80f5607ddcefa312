/**
 * The holiday calendar (src/service/calendar.ts `program.calendar`) against hand-worked calendars. Day 0 is
 * Monday 30 March 2026; Easter 2026 falls on 5 April, so Good Friday (3 April) is day 4 and Easter Monday
 * (6 April) day 7: a four-day weekend, Mon–Fri working.
 */
import { calendarSection } from '../../src/scenario/sections/calendar.js';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/scenario/load.js';
import {
  closedHolidays, crossmatchReadyDay, earliestTransfusionAfterLab, homeVisitsPerYear, isWorkingDay, nursesOnDay, weekCapacity,
  workingDayOnOrAfter, yearCapacity,
} from '../../src/service/index.js';
import { planningCalendar } from '../../src/optimize/calendar.js';
import { expectClose } from '../helpers/close.js';

/** Sums of a few decimals. */
const ARITHMETIC = { abs: 1e-12 };
const easter = validateScenario({ program: { calendar: { start_date: '2026-03-30', holidays: ['2026-04-03', '2026-04-06'] } } }, 'h.yaml').scenario;
const program = easter.program;
const timing = easter.clinical;
const plain = validateScenario({}, 'p.yaml').scenario.program;

describe('holiday calendar', () => {
  it('Good Friday (day 4) and Easter Monday (day 7) are closed; the days around them work', () => {
    expect([3, 4, 5, 6, 7, 8].map((d) => isWorkingDay(program, d))).toEqual([true, false, false, false, false, true]);
    expect([3, 4, 7, 8].map((d) => nursesOnDay(program, d))).toEqual([2, 0, 0, 2]);
  });
  it('crossmatch across the holiday weekend: a Thursday sample is ready on Tuesday (day 8), not on Friday or Monday', () => {
    // one working day of lead: Thu 3 → next working day; Fri 4 holiday, Sat 5, Sun 6, Mon 7 holiday → Tue 8
    expect(crossmatchReadyDay(program, timing, 3)).toBe(8);
    expect(crossmatchReadyDay(plain, timing, 3)).toBe(4); // without holidays: Friday
    // lead 2: Wed 2 → Thu 3, then Tue 8
    expect(crossmatchReadyDay(program, { ...timing, crossmatch_lead_working_days: 2 }, 2)).toBe(8);
  });
  it('a lab due on Good Friday is drawn on Tuesday (day 8), its transfusion on Wednesday (day 9)', () => {
    expect(workingDayOnOrAfter(program, 4)).toBe(8);
    expect(earliestTransfusionAfterLab(program, timing, 4)).toBe(9);
  });
  it('a run of holidays longer than a week is stepped over (Christmas to New Year closed)', () => {
    const dates = ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-25', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01'];
    const p = validateScenario({ program: { calendar: { start_date: '2026-12-21', holidays: dates } } }, 'x.yaml').scenario.program;
    expect(workingDayOnOrAfter(p, 0)).toBe(14); // Monday 4 January 2027
  });
  it('the optimizer calendar counts the same holidays from any start weekday and absolute start day', () => {
    // absolute day 1 on a Monday: absolute day 5 = day 4 (Good Friday)
    const mon = planningCalendar(program, 10, 1, 1);
    expect(mon.filter((c) => !c.working).map((c) => c.day)).toEqual([5, 6, 7, 8]);
    expect(mon[4]!.nurses + mon[4]!.homeUnits + mon[4]!.chairHours).toBe(0);
    // absolute day 1 on a Wednesday (simulated day 2): absolute day 3 = day 4; horizon from absolute day 3
    const wed = planningCalendar(program, 7, 3, 3);
    expect(wed.map((c) => c.working)).toEqual([false, false, false, false, true, true, true]);
  });
  it('yearly capacity: weeks × the week, less each holiday that closes a working weekday in days 0 … 364', () => {
    // two weekday holidays: 2 nurses × (5 × 365/7 − 2) nurse-days, 8 units × (5 × 365/7 − 2), chairs likewise
    const y = yearCapacity(program);
    expectClose(y.nurseDays, (10 * 365) / 7 - 4, ARITHMETIC);
    expectClose(y.homeUnits, (40 * 365) / 7 - 16, ARITHMETIC);
    expectClose(y.chairHours, (24 * 9 * 5 * 365) / 7 - 2 * 24 * 9, ARITHMETIC);
    // a 9.15 h visit: one a nurse-day, 10 a week → 10 × 365/7 − 2 × 2
    expectClose(homeVisitsPerYear(program, 9.15, 2), (10 * 365) / 7 - 4, ARITHMETIC);
    expect(weekCapacity(program, 9.15, 2).homeVisitsPerWeek).toBe(10); // the week's figure is unchanged
  });
  it('a holiday on a Saturday or after the first year takes nothing off the year', () => {
    const p = validateScenario({ program: { calendar: { start_date: '2026-03-30', holidays: ['2026-04-04', '2027-04-02', '2026-03-27'] } } }, 's.yaml').scenario.program;
    expect(closedHolidays(p, 0, 365)).toEqual([]);
    expectClose(yearCapacity(p).nurseDays, (10 * 365) / 7, ARITHMETIC);
    expect(isWorkingDay(p, 368)).toBe(false); // Friday 2 April 2027 is still closed in the simulation
  });
});

describe('a closure longer than 4 weeks is refused', () => {
  const days = (n: number, from = 0) => Array.from({ length: n }, (_, k) => new Date(Date.UTC(2026, 2, 30 + from + k)).toISOString().slice(0, 10));
  it('28 consecutive holidays (with a repeated date and a gap elsewhere) pass; 29 name the run\'s first date', () => {
    expect(calendarSection.safeParse({ start_date: '2026-03-30', holidays: [...days(28), '2026-04-02', ...days(28, 40)] }).success).toBe(true);
    const bad = calendarSection.safeParse({ start_date: '2026-03-30', holidays: ['2026-12-25', ...days(29, 1)] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(['holidays.1']);
    expect(bad.error!.issues[0]!.message).toMatch(/^closes the clinic 29 days in a row from 2026-03-31/);
  });
});
