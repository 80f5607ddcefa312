/**
 * How long one home visit and one clinic visit take, and what a nurse's day can hold. Figures come from the
 * scenario's `program` section, whose defaults cite ../shared/DOMAIN.md (Time):
 *
 *   home visit (nurse hours) = units × hours_per_unit        (1 h 49 min a unit)
 *                            + observation_hours              (30 min after the last unit)
 *                            + setup_hours                    (derived from 4.36 h nursing a visit, pubmed 2299476)
 *                            + pickup_hours                   (derived from 4.45 h travel a visit, pubmed 2299476)
 *                            + 2 × travel_min_one_way / 60    (the patient's own round trip)
 *   clinic visit (chair hours) = units × hours_per_unit + clinic_overhead_hours
 *
 * A nurse's day holds visits while their hours stay within `shift_hours + overtime_max_hours` and their count
 * within `max_visits_per_nurse_per_day`; hours past the shift are overtime.
 *
 * Cost: O(1) per call.
 */
import type { ProgramSettings } from '../scenario/sections/program.js';

/** Slack when comparing sums of visit hours with a shift: sums of a few doubles err by ulps. */
export const HOURS_TOLERANCE = 1e-9;

/** Nurse hours of one home visit of `units` units to a patient `travelMinOneWay` minutes away. */
export function homeVisitHours(program: ProgramSettings, units: number, travelMinOneWay: number): number {
  return units * program.hours_per_unit + program.observation_hours + program.setup_hours + program.pickup_hours + (2 * travelMinOneWay) / 60;
}

/** Chair hours of one clinic visit of `units` units. */
export function clinicChairHours(program: ProgramSettings, units: number): number {
  return units * program.hours_per_unit + program.clinic_overhead_hours;
}

/** Most hours one nurse may work in a day: the shift plus the overtime cap. */
export function nurseDayLimitHours(program: ProgramSettings): number {
  return program.shift_hours + program.overtime_max_hours;
}

/** Whether one visit of these hours fits in one nurse's day at all (with the overtime cap). */
export function fitsNurseDay(program: ProgramSettings, visitHours: number): boolean {
  return visitHours <= nurseDayLimitHours(program) + HOURS_TOLERANCE;
}

/** Overtime a nurse who worked `hoursWorked` in a day is paid for. */
export function overtimeHours(program: ProgramSettings, hoursWorked: number): number {
  return Math.max(0, hoursWorked - program.shift_hours);
}
