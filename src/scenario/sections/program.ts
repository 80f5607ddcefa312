import { z } from 'zod';
import { calendarSection } from './calendar.js';

/**
 * The home program's capacity. Defaults cite ../shared/DOMAIN.md.
 * Staffing lives at `program.nurses`: sweeps address it by that path.
 */
/**
 * Most nurses a scenario may staff: a regional home-transfusion service runs a few dozen; the simulator keeps
 * per-nurse arrays for every planned day, so a typo such as 1e9 would exhaust memory.
 */
export const MAX_NURSES = 1_000;

export const programSection = z.strictObject({
  /** Home-transfusion nurses on staff. */
  nurses: z.number().int().min(0).max(MAX_NURSES).default(2),
  /** Paid hours per nurse per working day. */
  shift_hours: z.number().positive().max(24).default(8),
  /** Most home visits one nurse makes in a day. */
  max_visits_per_nurse_per_day: z.number().int().min(0).max(24).default(2),
  /** Working days of the week (1 = Monday … 7 = Sunday). */
  working_days: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]),
  /**
   * Share of the nursing staff available on each weekday, Monday first (leave, training, part-time); scales
   * nurse hours and visits that day. Added for optimize; all 1 = everyone every working day.
   */
  nurse_availability: z.array(z.number().min(0).max(1)).length(7).default([1, 1, 1, 1, 1, 1, 1]),
  /** RBC units the blood bank releases to the home program per working day. */
  home_units_per_day: z.number().int().min(0).max(10_000).default(8),
  /** Nursing hours per unit transfused: 1 h 49 min mean (DOMAIN.md, Time). */
  hours_per_unit: z.number().positive().max(24).default(1.8),
  /** Observation after the last unit: 30 min outpatient policy (DOMAIN.md, Time). */
  observation_hours: z.number().min(0).max(24).default(0.5),
  /**
   * Blood-bank pick-up per visit, hours, *derived*: 4.45 h travel to the home and the blood bank per visit
   * (DOMAIN.md, Time, pubmed 2299476) less the round trip to a patient ≈ 30 min away (DOMAIN.md, Time) = 3.45 h.
   * The round trip to the home is added per patient from `travel_min_one_way` (src/service/visit.ts).
   */
  pickup_hours: z.number().min(0).max(24).default(3.45),
  /** Clinic transfusion chairs (derived default: ≈ 1 chair per 45 chronic patients at ≈ 55 chair-hours a year each). */
  clinic_chairs: z.number().int().min(0).max(10_000).default(24),
  /** Clinic opening hours per working day. */
  clinic_hours_per_day: z.number().positive().max(24).default(9),
  /** Chair hours per clinic RBC visit beyond the units themselves (3 h 51 min mean visit, DOMAIN.md). */
  clinic_overhead_hours: z.number().min(0).max(24).default(0.5),
  /**
   * Nurse set-up per home visit (line, checks, paperwork), hours, *derived*: 4.36 h nursing per visit for
   * 248 units in 137 visits (1.81 units × 1.8 h = 3.26 h) less 0.5 h observation (DOMAIN.md, Time) ≈ 0.6 h.
   */
  setup_hours: z.number().min(0).max(24).default(0.6),
  /**
   * Most overtime one nurse may work past `shift_hours` in a day to finish a visit, hours (assumption: a
   * home visit takes 4.36 h + 4.45 h ≈ 8.8 h, DOMAIN.md, Time, just past an 8 h shift). Priced at
   * `costs.overtime_hour_cost`.
   */
  overtime_max_hours: z.number().min(0).max(24).default(2),
  /** Date of simulated day 0 and public holidays (src/service/calendar.ts); default none. */
  calendar: calendarSection.prefault({}),
});

/** The validated `program` section: what the service model (src/service) reads. */
export type ProgramSettings = z.infer<typeof programSection>;
