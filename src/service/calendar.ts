/**
 * The service calendar: which weekday a day falls on, whether the program works that day (a working weekday
 * that is not a public holiday, `program.calendar`), and how many nurses are on duty — with the one rounding
 * rule every stage uses. The only place that knows the holidays: labs, chairs, nurse shifts, the home unit
 * release and the crossmatch lead (timing.ts) all ask {@link isWorkingDay}.
 *
 * Days: the simulator's day 0 is a Monday, the date `program.calendar.start_date`; a day counted from a day 0
 * that falls on weekday w (the optimizer's `start_weekday`) is simulated day `day + w − 1`, so both count the
 * same weeks and the same holidays.
 *
 * Cost: O(1) per call; the holiday set is built once per calendar, O(holidays).
 */
import type { CalendarSettings } from '../scenario/sections/calendar.js';
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

const DAY_MS = 86_400_000;
const NO_HOLIDAYS: ReadonlySet<number> = new Set();
/** Holiday sets by calendar object: built once, then O(1) per question. */
const holidaySets = new WeakMap<CalendarSettings, ReadonlySet<number>>();

/**
 * Days from ISO date `from` to ISO date `to` (UTC; negative when `to` is earlier).
 * @example daysBetween('2026-03-30', '2026-04-06'); // 7
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * Simulated day numbers (day 0 = `calendar.start_date`) of the public holidays on or after day 0.
 * @example holidayDays({ ...program, calendar: { start_date: '2026-12-21', holidays: ['2026-12-25'] } }); // {4}
 */
export function holidayDays(program: ProgramSettings): ReadonlySet<number> {
  const cal = program.calendar as CalendarSettings | undefined; // hand-built programs in tests may omit it
  if (!cal || cal.start_date === null || cal.holidays.length === 0) return NO_HOLIDAYS;
  let set = holidaySets.get(cal);
  if (!set) {
    const start = cal.start_date;
    set = new Set(cal.holidays.map((h) => daysBetween(start, h)).filter((d) => d >= 0));
    holidaySets.set(cal, set);
  }
  return set;
}

/**
 * Whether `day` (counted from a day 0 on `weekdayOfDay0`) is a public holiday.
 * @example isHoliday(easter, 4); // true: Good Friday
 */
export function isHoliday(program: ProgramSettings, day: number, weekdayOfDay0 = 1): boolean {
  const holidays = holidayDays(program);
  return holidays.size > 0 && holidays.has(day + weekdayOfDay0 - 1);
}

/**
 * Public holidays in simulated days [fromDay, toDay) that fall on a working weekday — the days a week's
 * capacity counts but the calendar closes. O(holidays).
 * @example closedHolidays(easter, 0, 365); // [4, 7]: Good Friday and Easter Monday 2026 from Monday 30 March
 */
export function closedHolidays(program: ProgramSettings, fromDay: number, toDay: number): number[] {
  const out: number[] = [];
  for (const d of holidayDays(program)) {
    if (d >= fromDay && d < toDay && isWorkingWeekday(program, weekdayAfter(1, d))) out.push(d);
  }
  return out.sort((a, b) => a - b);
}

/**
 * Whether the program and the clinic work on `day` (counted from a day 0 on `weekdayOfDay0`, 1 = Monday): a
 * working weekday that is not a holiday.
 * @example isWorkingDay(program, 5); // false: day 5 is a Saturday
 */
export function isWorkingDay(program: ProgramSettings, day: number, weekdayOfDay0 = 1): boolean {
  return isWorkingWeekday(program, weekdayAfter(weekdayOfDay0, day)) && !isHoliday(program, day, weekdayOfDay0);
}

/** Nurses on duty on `day`: {@link nursesOnWeekday}, 0 on a holiday. @example nursesOnDay(easter, 4); // 0 */
export function nursesOnDay(program: ProgramSettings, day: number, weekdayOfDay0 = 1): number {
  return isHoliday(program, day, weekdayOfDay0) ? 0 : nursesOnWeekday(program, weekdayAfter(weekdayOfDay0, day));
}

/** Whether the home program and the clinic work on this weekday (`program.working_days`), holidays aside. */
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
