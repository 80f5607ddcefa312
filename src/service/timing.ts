/**
 * Clinical timing every stage shares: when labs happen, when a crossmatched transfusion can be given, and how
 * much a day's delay costs a patient. Figures from ../shared/DOMAIN.md (Time):
 *
 *   - labs (the Hb check, which doubles as the crossmatch sample) are drawn on working days only: a lab that
 *     would fall on a non-working day (a closed weekday or a holiday, calendar.ts) moves to the next working day;
 *   - "elective crossmatch needs one clear working day": a transfusion is given at the earliest on the
 *     `crossmatch_lead_working_days`-th working day after the sample day (1: the sample reaches the laboratory
 *     a working day ahead — see docs/model.md for why not the stricter reading), at home and in the clinic;
 *   - "crossmatch sample valid 72 h if transfused in the last 3 months": a sample drawn on day s covers
 *     transfusions on days s … s + `crossmatch_valid_days` (3 days; sample day = day 0);
 *   - crossmatched units are reserved on the working day before the transfusion they are for (the crossmatch
 *     ready day) and held for that day: "crossmatched units return to stock after 48 h" counts from it;
 *   - a day's delay costs the Hb the patient loses that day (g/dL): the optimizer's day-dependent objective
 *     weighs lateness by that urgency.
 *
 * Days are whole days counted from a day 0 whose weekday is given (the simulator's day 0 is a Monday).
 * Cost: O(k) per call (k = days stepped over: ≤ 7 a week, more across holidays).
 */
import type { ClinicalSettings } from '../scenario/sections/clinical.js';
import type { ProgramSettings } from '../scenario/sections/program.js';
import { holidayDays, isWorkingDay } from './calendar.js';

/** The timing keys of the `clinical` section. */
export type ClinicalTiming = Pick<ClinicalSettings, 'crossmatch_lead_working_days' | 'crossmatch_valid_days'>;

/** Defaults: one clear working day, sample valid 72 h = 3 days (DOMAIN.md, Time). */
export const DEFAULT_CROSSMATCH_LEAD_WORKING_DAYS = 1;
export const DEFAULT_CROSSMATCH_VALID_DAYS = 3;

/**
 * The first working day on or after `day` (a lab due on a weekend or closed day moves here).
 * @example workingDayOnOrAfter(program, 5); // 7: Saturday → Monday (day 0 a Monday, Mon–Fri)
 */
export function workingDayOnOrAfter(program: ProgramSettings, day: number, weekdayOfDay0 = 1): number {
  const reach = 7 + holidayDays(program).size; // a week, plus every holiday at worst
  for (let k = 0; k < reach; k++) if (isWorkingDay(program, day + k, weekdayOfDay0)) return day + k;
  throw new Error(`workingDayOnOrAfter: no working day in the ${reach} days from day ${day}`);
}

/**
 * The `k`-th working day after `day` (k ≥ 1).
 * @example workingDaysAfter(program, 4, 1); // 7: Friday → Monday
 */
export function workingDaysAfter(program: ProgramSettings, day: number, k: number, weekdayOfDay0 = 1): number {
  let d = day;
  for (let j = 0; j < k; j++) d = workingDayOnOrAfter(program, d + 1, weekdayOfDay0);
  return d;
}

/**
 * The last working day before `day`: when crossmatched units are reserved for a transfusion booked on `day`.
 * @example workingDayBefore(program, 7); // 4: Monday's units are reserved on Friday
 */
export function workingDayBefore(program: ProgramSettings, day: number, weekdayOfDay0 = 1): number {
  return workingDayOnOrBefore(program, day - 1, weekdayOfDay0);
}

/**
 * The last working day on or before `day` (a scheduled exchange that falls on a closed day is brought forward).
 * @example workingDayOnOrBefore(program, 6); // 4: Sunday → Friday
 */
export function workingDayOnOrBefore(program: ProgramSettings, day: number, weekdayOfDay0 = 1): number {
  const reach = 7 + holidayDays(program).size;
  for (let k = 0; k < reach; k++) if (isWorkingDay(program, day - k, weekdayOfDay0)) return day - k;
  throw new Error(`workingDayOnOrBefore: no working day in the ${reach} days to day ${day}`);
}

/**
 * The day to draw the crossmatch sample for a transfusion booked on working day `day`: the
 * `crossmatch_lead_working_days`-th working day before it, so that {@link crossmatchReadyDay} of it is `day`.
 * @example sampleDayFor(program, timing, 7); // 4: a Monday exchange is crossmatched on Friday
 */
export function sampleDayFor(program: ProgramSettings, timing: ClinicalTiming, day: number, weekdayOfDay0 = 1): number {
  let s = day;
  for (let j = 0; j < timing.crossmatch_lead_working_days; j++) s = workingDayOnOrBefore(program, s - 1, weekdayOfDay0);
  return s;
}

/**
 * First day a transfusion can use a crossmatch sample drawn on `sampleDay`.
 * @example crossmatchReadyDay(program, timing, 0); // 1: Monday's sample → Tuesday
 */
export function crossmatchReadyDay(program: ProgramSettings, timing: ClinicalTiming, sampleDay: number, weekdayOfDay0 = 1): number {
  return workingDaysAfter(program, sampleDay, timing.crossmatch_lead_working_days, weekdayOfDay0);
}

/**
 * Whether a sample drawn on `sampleDay` still covers a transfusion on `day` (72 h: days s … s + 3).
 * @example sampleCovers(timing, 4, 7); // true: Friday's sample covers Monday
 */
export function sampleCovers(timing: ClinicalTiming, sampleDay: number, day: number): boolean {
  return day >= sampleDay && day - sampleDay <= timing.crossmatch_valid_days;
}

/**
 * Earliest day a patient whose next lab is due on nominal day `nominalLabDay` could be transfused, if that lab
 * finds them due: the lab moves to a working day, and the crossmatch needs its lead time.
 * @example earliestTransfusionAfterLab(program, timing, 5); // 8: lab Saturday → Monday, transfusion Tuesday
 */
export function earliestTransfusionAfterLab(program: ProgramSettings, timing: ClinicalTiming, nominalLabDay: number, weekdayOfDay0 = 1): number {
  return crossmatchReadyDay(program, timing, workingDayOnOrAfter(program, nominalLabDay, weekdayOfDay0), weekdayOfDay0);
}

/**
 * The day-dependent part of the allocation objective: a transfusion `daysLate` days after the first day of its
 * window costs the Hb lost meanwhile, `daysLate × declinePerDay` g/dL, at `pointsPerGdl` points a g/dL — so
 * among days of equal worth the model prefers the earliest, and more so for patients whose Hb falls fast.
 * @example delayPoints(3, 0.1, 1); // 0.3
 */
export function delayPoints(daysLate: number, declinePerDay: number, pointsPerGdl: number): number {
  return Math.max(0, daysLate) * Math.max(0, declinePerDay) * pointsPerGdl;
}
