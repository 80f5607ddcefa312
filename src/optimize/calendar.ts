/**
 * The planning calendar: weekday, working flag and capacities of each day of the horizon.
 * Cost: O(horizonDays).
 */
import type { ProgramCapacity } from './types.js';

export interface DayCapacity {
  /** Day within the horizon, 1-based. */
  readonly day: number;
  /** 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly working: boolean;
  readonly nurseHours: number;
  readonly homeVisits: number;
  readonly homeUnits: number;
  readonly chairHours: number;
}

/**
 * Capacities for days 1..horizonDays, where day 1 is absolute day `startDay` and absolute day 1 falls on
 * `startWeekday`. Non-working days have zero capacity everywhere.
 * @example
 * planningCalendar(program, 28, 1, 1)[5].working; // false: day 6 is a Saturday
 */
export function planningCalendar(program: ProgramCapacity, horizonDays: number, startWeekday: number, startDay = 1): DayCapacity[] {
  const days: DayCapacity[] = [];
  for (let d = 1; d <= horizonDays; d++) {
    const weekday = ((startWeekday - 1 + startDay - 1 + d - 1) % 7) + 1;
    const working = program.working_days.includes(weekday);
    const share = program.nurse_availability[weekday - 1] ?? 1;
    const staff = working ? program.nurses * share : 0;
    days.push({
      day: d,
      weekday,
      working,
      nurseHours: staff * program.shift_hours,
      // A fraction of a nurse cannot make a visit: round the visit count down (1e-9 absorbs float error).
      homeVisits: Math.floor(staff * program.max_visits_per_nurse_per_day + 1e-9),
      homeUnits: working ? program.home_units_per_day : 0,
      chairHours: working ? program.clinic_chairs * program.clinic_hours_per_day : 0,
    });
  }
  return days;
}
