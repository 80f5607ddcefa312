/**
 * Clinical timing (src/service/timing.ts) against hand-worked calendars: day 0 is a Monday, Mon–Fri working.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseScenario, validateScenario } from '../../src/scenario/load.js';
import {
  crossmatchReadyDay, delayPoints, earliestTransfusionAfterLab, sampleCovers, workingDayBefore, workingDayOnOrAfter,
  workingDaysAfter,
} from '../../src/service/index.js';

const sc = validateScenario({}, 't.yaml').scenario;
const program = sc.program;
const timing = sc.clinical;

describe('clinical timing', () => {
  it('defaults come from DOMAIN.md: one clear working day of lead, a sample valid 72 h = 3 days', () => {
    expect(timing.crossmatch_lead_working_days).toBe(1);
    expect(timing.crossmatch_valid_days).toBe(3);
  });

  it('workingDayOnOrAfter moves a Saturday or Sunday lab to Monday and leaves weekdays alone', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((d) => workingDayOnOrAfter(program, d))).toEqual([0, 1, 2, 3, 4, 7, 7, 7]);
    // a Tuesday–Saturday programme: Sunday and Monday move to Tuesday
    const tueSat = { ...program, working_days: [2, 3, 4, 5, 6] };
    expect(workingDayOnOrAfter(tueSat, 6)).toBe(8);
    expect(workingDayOnOrAfter(tueSat, 0)).toBe(1);
  });

  it('crossmatchReadyDay: the next working day (Mon → Tue, Thu → Fri, Fri → Mon); lead 2: Thu → Mon', () => {
    expect([0, 3, 4].map((d) => crossmatchReadyDay(program, timing, d))).toEqual([1, 4, 7]);
    expect(crossmatchReadyDay(program, { ...timing, crossmatch_lead_working_days: 2 }, 3)).toBe(7);
    expect(crossmatchReadyDay(program, { ...timing, crossmatch_lead_working_days: 0 }, 2)).toBe(2);
    expect(workingDaysAfter(program, 4, 3)).toBe(9); // Fri → Mon, Tue, Wed
  });

  it('workingDayBefore (units reserved for a transfusion day): Tue → Mon, Mon → Fri, Sun → Fri; lead 2: Thu lab, Mon', () => {
    expect([1, 7, 6, 9].map((d) => workingDayBefore(program, d))).toEqual([0, 4, 4, 8]);
    // with a 2-working-day lead a Thursday sample is ready Monday; its units are reserved on Friday, a day later
    expect(workingDayBefore(program, crossmatchReadyDay(program, { ...timing, crossmatch_lead_working_days: 2 }, 3))).toBe(4);
  });

  it('sampleCovers: a Friday sample covers Monday (day 3) but not Tuesday (day 4), nor days before it', () => {
    expect(sampleCovers(timing, 4, 7)).toBe(true);
    expect(sampleCovers(timing, 4, 8)).toBe(false);
    expect(sampleCovers(timing, 4, 3)).toBe(false);
  });

  it('earliestTransfusionAfterLab: a lab due Saturday happens Monday; the transfusion Tuesday', () => {
    expect(earliestTransfusionAfterLab(program, timing, 5)).toBe(8);
    expect(earliestTransfusionAfterLab(program, timing, 2)).toBe(3);
  });

  it('delayPoints: days late × g/dL lost a day × points a g/dL; never negative', () => {
    expect(delayPoints(3, 0.1, 1)).toBeCloseTo(0.3, 12);
    expect(delayPoints(2, 0.5, 4)).toBe(4);
    expect(delayPoints(-1, 0.5, 4)).toBe(0);
  });

  it('bad timing keys are rejected with their YAML path', () => {
    let paths: string[] = [];
    try { parseScenario('clinical: { crossmatch_valid_days: 0, crossmatch_lead_working_days: 9 }\n', 'bad.yaml'); } catch (e) {
      if (e instanceof InputError) paths = e.issues.map((i) => String(i.path)); else throw e;
    }
    expect(paths.sort()).toEqual(['clinical.crossmatch_lead_working_days', 'clinical.crossmatch_valid_days']);
  });
});
