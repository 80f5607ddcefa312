/**
 * Home capacity per day, week and year, derived from the calendar, the nurses' shifts and the visit length.
 * The report's capacity check, priority's capacity line, the optimizer's calendar, the simulator's day and
 * the enrolment heuristics all read these functions; no stage re-derives them.
 *
 * Per-nurse shifts: a nurse makes `visitsPerNurseDay` visits of a given length, min(max visits per nurse,
 * ⌊(shift + overtime cap) / visit hours⌋); a day's home visits are nurses on duty × that, also limited by the
 * units the blood bank releases to the home program. A week is the sum over weekdays (holidays aside); a year
 * is {@link WEEKS_PER_YEAR} weeks less the capacity of the public holidays (calendar.ts) that close a working
 * weekday in simulated days 0 … 364: Σ over the year's actual working days.
 *
 * Cost: O(7) per call, plus O(holidays) for a year; {@link fillYearlyCapacity} O(patients · (7 + holidays)).
 */
import type { ProgramSettings } from '../scenario/sections/program.js';
import { closedHolidays, isWorkingDay, isWorkingWeekday, nursesOnWeekday, weekdayAfter } from './calendar.js';
import { HOURS_TOLERANCE, fitsNurseDay, nurseDayLimitHours } from './visit.js';

/** Weeks in a (non-leap) year: 365 / 7. Every "per year" figure in the service model uses it. */
export const WEEKS_PER_YEAR = 365 / 7;

/** What limits home visits on a day: nurses' shifts, the home unit release, or neither (no demand). */
export type BindingLimit = 'nurse_shifts' | 'units';

/**
 * Home visits one nurse can make in a day when every visit takes `visitHours`; when two such visits chained on
 * one trip take `pairHours` (chain.ts; NaN = no chaining) and that fits her day, at least 2.
 */
export function visitsPerNurseDay(program: ProgramSettings, visitHours: number, pairHours = Number.NaN): number {
  if (!(visitHours > 0) || !fitsNurseDay(program, visitHours)) return 0;
  const roundTrips = Math.min(program.max_visits_per_nurse_per_day, Math.floor((nurseDayLimitHours(program) + HOURS_TOLERANCE) / visitHours));
  const chained = program.max_visits_per_nurse_per_day >= 2 && fitsNurseDay(program, pairHours) ? 2 : 0;
  return Math.max(roundTrips, chained);
}

/** One weekday's capacity for visits of a given length and unit count. */
export interface WeekdayCapacity {
  readonly weekday: number;
  readonly working: boolean;
  readonly nurses: number;
  readonly visitsByNurses: number;
  readonly visitsByUnits: number;
  readonly homeVisits: number;
  readonly homeUnits: number;
  readonly chairHours: number;
  readonly binding: BindingLimit;
}

/** Units the blood bank releases to the home program on a weekday (0 when closed). */
export function homeUnitsOnWeekday(program: ProgramSettings, weekday: number): number {
  return isWorkingWeekday(program, weekday) ? program.home_units_per_day : 0;
}

/** Clinic chair hours on a weekday (0 when closed). */
export function chairHoursOnWeekday(program: ProgramSettings, weekday: number): number {
  return isWorkingWeekday(program, weekday) ? program.clinic_chairs * program.clinic_hours_per_day : 0;
}

/**
 * Units the blood bank releases to the home program on `day` (0 on a closed weekday or a holiday).
 * @example homeUnitsOnDay(program, 5); // 0: a Saturday
 */
export function homeUnitsOnDay(program: ProgramSettings, day: number, weekdayOfDay0 = 1): number {
  return isWorkingDay(program, day, weekdayOfDay0) ? program.home_units_per_day : 0;
}

/**
 * Clinic chair hours on `day` (0 on a closed weekday or a holiday).
 * @example chairHoursOnDay(program, 0); // clinic_chairs × clinic_hours_per_day: 24 × 9 = 216 by default
 */
export function chairHoursOnDay(program: ProgramSettings, day: number, weekdayOfDay0 = 1): number {
  return isWorkingDay(program, day, weekdayOfDay0) ? program.clinic_chairs * program.clinic_hours_per_day : 0;
}

/** Days of a year for yearly figures: simulated days 0 … 364. */
const YEAR_DAYS = 365;

/**
 * The holidays that close a working weekday in the year the yearly figures cover (days 0 … 364). O(holidays).
 * @example closedHolidaysInYear(easterProgram); // [4, 7]
 */
export function closedHolidaysInYear(program: ProgramSettings): number[] {
  return closedHolidays(program, 0, YEAR_DAYS);
}

/**
 * Capacity of a weekday for home visits of `visitHours` hours and `unitsPerVisit` units.
 * @example weekdayCapacity(program, 1, 9.15, 2).homeVisits; // 2 with 2 nurses, 8 h shifts, 2 h overtime
 */
export function weekdayCapacity(program: ProgramSettings, weekday: number, visitHours: number, unitsPerVisit: number, pairHours = Number.NaN): WeekdayCapacity {
  const nurses = nursesOnWeekday(program, weekday);
  const homeUnits = homeUnitsOnWeekday(program, weekday);
  const visitsByNurses = nurses * visitsPerNurseDay(program, visitHours, pairHours);
  const visitsByUnits = unitsPerVisit > 0 ? Math.floor(homeUnits / unitsPerVisit + HOURS_TOLERANCE) : Infinity;
  const homeVisits = Math.min(visitsByNurses, visitsByUnits);
  return {
    weekday, working: isWorkingWeekday(program, weekday), nurses, visitsByNurses, visitsByUnits, homeVisits, homeUnits,
    chairHours: chairHoursOnWeekday(program, weekday), binding: visitsByUnits < visitsByNurses ? 'units' : 'nurse_shifts',
  };
}

/** A week's capacity for visits of one length: per weekday (Monday first) and in total. */
export interface WeekCapacity {
  readonly days: readonly WeekdayCapacity[];
  readonly homeVisitsPerWeek: number;
  /** The limit that binds on most working days (ties: nurse shifts). */
  readonly binding: BindingLimit;
}

/**
 * Home visits a week for visits of `visitHours` hours and `unitsPerVisit` units.
 * @example weekCapacity(program, 9.15, 2).homeVisitsPerWeek; // 10: 2 nurses × 1 visit × 5 days
 */
export function weekCapacity(program: ProgramSettings, visitHours: number, unitsPerVisit: number, pairHours = Number.NaN): WeekCapacity {
  const days = [1, 2, 3, 4, 5, 6, 7].map((wd) => weekdayCapacity(program, wd, visitHours, unitsPerVisit, pairHours));
  const working = days.filter((d) => d.working);
  const byUnits = working.filter((d) => d.binding === 'units').length;
  return {
    days,
    homeVisitsPerWeek: days.reduce((s, d) => s + d.homeVisits, 0),
    binding: byUnits > working.length - byUnits ? 'units' : 'nurse_shifts',
  };
}

/**
 * Home visits a year for visits of one length and unit count: the week's capacity × {@link WEEKS_PER_YEAR}, less
 * each holiday's weekday capacity (holidays in days 0 … 364 that close a working weekday).
 * @example homeVisitsPerYear(program, 9.15, 2); // 10 × 365/7 ≈ 521.4; 519.4 with one holiday on a weekday
 */
export function homeVisitsPerYear(program: ProgramSettings, visitHours: number, unitsPerVisit: number, pairHours = Number.NaN): number {
  return yearVisits(program, weekCapacity(program, visitHours, unitsPerVisit, pairHours));
}

/** A year's visits from the week's capacity: weeks × week − the holidays' weekday visits. O(holidays). */
function yearVisits(program: ProgramSettings, week: WeekCapacity): number {
  let visits = week.homeVisitsPerWeek * WEEKS_PER_YEAR;
  for (const d of closedHolidaysInYear(program)) visits -= week.days[weekdayAfter(1, d) - 1]!.homeVisits;
  return visits;
}

/** One patient's yearly home demand, index-aligned arrays. */
export interface YearlyDemand {
  /** Home visits a year (transfusion episodes); NaN counts 0. */
  readonly episodesPerYear: ArrayLike<number>;
  /** Nurse hours of one of the patient's home visits. */
  readonly visitHours: ArrayLike<number>;
  /** Units per visit. */
  readonly unitsPerVisit: ArrayLike<number>;
  /** Nurse hours of two of the patient's visits chained on one trip (chain.ts); absent or NaN = round trips only. */
  readonly pairHours?: ArrayLike<number>;
}

/** Result of filling a year of home capacity in some order. */
export interface YearlyFill {
  /** 1 = admitted to the home program. */
  readonly admitted: Uint8Array;
  /** Patients admitted. */
  readonly count: number;
  /** Positions of `order` walked before the first patient who did not fit (= order.length when all fit). */
  readonly line: number;
  /** What limits the visits of the first patient who did not fit, or `none`. */
  readonly binding: BindingLimit | 'none';
  /** Share of a year's home capacity used (Σ visits / visits a year of that patient's kind). */
  readonly capacityUsed: number;
  readonly visitsUsed: number;
  readonly unitsUsed: number;
}

/**
 * Admit patients in `order` while their yearly visits fit `share` of a year's home capacity. A patient's
 * visits use episodes / {@link homeVisitsPerYear}(their visit length, units) of the year — so for a cohort of
 * identical patients the fill admits exactly the visits the week's capacity gives (per-nurse shifts, per-day
 * units). Patients whose visit fits no nurse's day are passed over; the fill stops at the first patient who
 * does not fit (first come, first served). O(order · 7).
 * @example fillYearlyCapacity(program, demand, [0, 1, 2], 1).count;
 */
export function fillYearlyCapacity(program: ProgramSettings, demand: YearlyDemand, order: ArrayLike<number>, share: number): YearlyFill {
  const admitted = new Uint8Array(demand.visitHours.length);
  let used = 0, units = 0, visits = 0, count = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const step = yearlyCapacityShare(program, demand, i);
    if (Number.isNaN(step)) continue;
    const next = used + step;
    if (!fitsShare(next, share)) {
      const binding = patientWeek(program, demand, i).binding;
      return { admitted, count, line: k, binding, capacityUsed: used, visitsUsed: visits, unitsUsed: units };
    }
    const e = Number.isNaN(demand.episodesPerYear[i]!) ? 0 : demand.episodesPerYear[i]!;
    used = next; visits += e; units += e * demand.unitsPerVisit[i]!; count++;
    admitted[i] = 1;
  }
  return { admitted, count, line: order.length, binding: 'none', capacityUsed: used, visitsUsed: visits, unitsUsed: units };
}

/**
 * Share of a year's home capacity patient i's visits use: episodes / {@link homeVisitsPerYear}(their visit
 * length, units) — the step {@link fillYearlyCapacity} adds; NaN when their visit fits no nurse's day. O(7).
 * @example yearlyCapacityShare(program, demand, 0); // 52.14 episodes / 521.4 visits a year = 0.1
 */
export function yearlyCapacityShare(program: ProgramSettings, demand: YearlyDemand, i: number): number {
  const week = patientWeek(program, demand, i);
  const perYear = week.homeVisitsPerWeek === 0 ? 0 : yearVisits(program, week);
  if (!(perYear > 0)) return Number.NaN;
  const e = Number.isNaN(demand.episodesPerYear[i]!) ? 0 : demand.episodesPerYear[i]!;
  return e / perYear;
}

/** A week's capacity for patient i's visits (their length, units and chaining). O(7). */
function patientWeek(program: ProgramSettings, demand: YearlyDemand, i: number): ReturnType<typeof weekCapacity> {
  return weekCapacity(program, demand.visitHours[i]!, demand.unitsPerVisit[i]!, demand.pairHours?.[i] ?? Number.NaN);
}

/**
 * Whether capacity `used` (a share of a year's) stays within `share`, up to the service model's hours tolerance.
 * O(1). @example fitsShare(0.9 + 1e-12, 0.9); // true
 */
export function fitsShare(used: number, share: number): boolean {
  return used <= share + HOURS_TOLERANCE;
}

/** A year of staffed capacity: nurse-days, home units and clinic chair hours. */
export interface YearCapacity {
  /** Nurse-days a year: Σ over weekdays of nurses on duty × {@link WEEKS_PER_YEAR}, less the holidays'. */
  readonly nurseDays: number;
  /** Units released to the home program a year. */
  readonly homeUnits: number;
  readonly chairHours: number;
}

/**
 * O(7 + holidays). Σ over the year's working days: weeks × the week's capacity less the holidays' weekdays.
 * @example yearCapacity(program).nurseDays; // 2 nurses × 5 days × 365/7 ≈ 521.4; 519.4 with one holiday
 */
export function yearCapacity(program: ProgramSettings): YearCapacity {
  let nurseDays = 0, homeUnits = 0, chairHours = 0;
  for (let wd = 1; wd <= 7; wd++) {
    nurseDays += nursesOnWeekday(program, wd);
    homeUnits += homeUnitsOnWeekday(program, wd);
    chairHours += chairHoursOnWeekday(program, wd);
  }
  nurseDays *= WEEKS_PER_YEAR; homeUnits *= WEEKS_PER_YEAR; chairHours *= WEEKS_PER_YEAR;
  for (const d of closedHolidaysInYear(program)) {
    const wd = weekdayAfter(1, d);
    nurseDays -= nursesOnWeekday(program, wd);
    homeUnits -= homeUnitsOnWeekday(program, wd);
    chairHours -= chairHoursOnWeekday(program, wd);
  }
  return { nurseDays, homeUnits, chairHours };
}
