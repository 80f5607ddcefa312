/**
 * The service calendar: which weekday a day falls on, whether the program works that day, and how many nurses
 * are on duty — with the one rounding rule every stage uses.
 *
 * Cost: O(1) per call.
 */
import type { ProgramSettings } from '../scenario/sections/program.js';

/** Float slack before rounding a nurse count down: 2 × 0.5 must give 1 nurse, not 0.999… → 0. */
const ROUNDING_SLACK = 1e-9;

/**
 * Weekday (1 = Monday … 7 = Sunday) of the day `offsetDays` after a day that falls on `startWeekday`.
 * The simulator's day 0 is a Monday: `weekdayAfter(1, d)`.
 * @example weekdayAfter(1, 5); // 6, Saturday
 */
export function weekdayAfter(startWeekday: number, offsetDays: number): number {
  return ((((startWeekday - 1 + offsetDays) % 7) + 7) % 7) + 1;
}

/** Whether the home program and the clinic work on this weekday (`program.working_days`). */
export function isWorkingWeekday(program: ProgramSettings, weekday: number): boolean {
  return program.working_days.includes(weekday);
}

/**
 * Nurses on duty on a weekday: `nurses × nurse_availability[weekday]`, rounded down (a part of a nurse cannot
 * make a visit), 0 on non-working days. The only place this rounding happens.
 * @example nursesOnWeekday({ ...program, nurses: 3, nurse_availability: [0.5, 1, 1, 1, 1, 1, 1] }, 1); // 1
 */
export function nursesOnWeekday(program: ProgramSettings, weekday: number): number {
  if (!isWorkingWeekday(program, weekday)) return 0;
  const share = program.nurse_availability[weekday - 1] ?? 1;
  return Math.floor(program.nurses * share + ROUNDING_SLACK);
}
