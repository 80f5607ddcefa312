/**
 * The planning calendar: weekday, working flag, nurses on duty and capacities of each day of the horizon, all
 * from the service model (src/service), so the optimizer's days are the simulator's and the report's.
 * Cost: O(horizonDays).
 */
import { apheresisHoursOnDay, chairHoursOnDay, homeUnitsOnDay, isWorkingDay, nurseDayLimitHours, nursesOnDay, weekdayAfter } from '../service/index.js';
import type { RegimenSettings } from '../scenario/sections/regimen.js';
import type { ProgramCapacity } from './types.js';

export interface DayCapacity {
  /** Day within the horizon, 1-based. */
  readonly day: number;
  /** 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly working: boolean;
  /** Nurses on duty; each works at most shift + overtime cap and makes at most max visits. */
  readonly nurses: number;
  /** nurses × (shift + overtime cap): the most nurse hours the day can hold (a bound, not a budget). */
  readonly nurseHours: number;
  /** nurses × visits per nurse: the most home visits the day can hold. */
  readonly homeVisits: number;
  readonly homeUnits: number;
  readonly chairHours: number;
  /** Apheresis chair-hours (regimen's chairs × hours on a working day; 0 when planned without the regimen). */
  readonly apheresisHours: number;
}

/**
 * Capacities for days 1..horizonDays, where day 1 is absolute day `startDay` and absolute day 1 falls on
 * `startWeekday`. Non-working days — closed weekdays and public holidays (`program.calendar`; absolute day a is
 * simulated day a − 1 + startWeekday − 1, src/service/calendar.ts) — have zero capacity everywhere. With `regimen`,
 * the apheresis chairs' hours (apheresisHoursOnDay, as the simulator's bookings) on the same working days.
 * @example
 * planningCalendar(program, 28, 1, 1)[5].working; // false: day 6 is a Saturday
 */
export function planningCalendar(program: ProgramCapacity, horizonDays: number, startWeekday: number, startDay = 1, regimen?: RegimenSettings): DayCapacity[] {
  const days: DayCapacity[] = [];
  for (let d = 1; d <= horizonDays; d++) {
    const offset = startDay - 1 + d - 1; // days after absolute day 1
    const nurses = nursesOnDay(program, offset, startWeekday);
    const working = isWorkingDay(program, offset, startWeekday);
    days.push({
      day: d,
      weekday: weekdayAfter(startWeekday, offset),
      working,
      nurses,
      nurseHours: nurses * nurseDayLimitHours(program),
      homeVisits: nurses * program.max_visits_per_nurse_per_day,
      homeUnits: homeUnitsOnDay(program, offset, startWeekday),
      chairHours: chairHoursOnDay(program, offset, startWeekday),
      apheresisHours: regimen ? apheresisHoursOnDay(regimen, working) : 0,
    });
  }
  return days;
}
