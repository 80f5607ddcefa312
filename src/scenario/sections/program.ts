import { z } from 'zod';

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
  /** Blood-bank pick-up per visit, hours (derived; part of the 4.45 h travel in pubmed 2299476). */
  pickup_hours: z.number().min(0).max(24).default(0.5),
  /** Clinic transfusion chairs (derived default: ≈ 1 chair per 45 chronic patients at ≈ 55 chair-hours a year each). */
  clinic_chairs: z.number().int().min(0).max(10_000).default(24),
  /** Clinic opening hours per working day. */
  clinic_hours_per_day: z.number().positive().max(24).default(9),
  /** Chair hours per clinic RBC visit beyond the units themselves (3 h 51 min mean visit, DOMAIN.md). */
  clinic_overhead_hours: z.number().min(0).max(24).default(0.5),
});
