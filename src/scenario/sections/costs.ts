import { z } from 'zod';

/**
 * The `costs` section, shared by optimize's cost objective and the simulator's cost per transfusion.
 * One currency throughout (default EUR, because the two itemised French figures in ../shared/DOMAIN.md are in
 * euros). Figures marked *derived* are arithmetic on DOMAIN.md lines; *assumption* marks a plausible value
 * with no published source: change them per site.
 */
export const costsSection = z.strictObject({
  /** Currency label shown in reports; no conversion is done. */
  currency: z.string().min(1).max(8).default('EUR'),
  /** One RBC unit: France €193 (DOMAIN.md, Programs and outcomes). */
  unit_cost: z.number().min(0).max(100_000).default(193),
  /**
   * Clinic chair-hour (nursing, chair, overheads), *derived*: UK £546 per 2-unit transfusion ≈ €640, less two
   * units at €193, spread over the 3 h 51 min mean chair time (DOMAIN.md, Costs per unit and Time) ≈ €66/h.
   */
  chair_hour_cost: z.number().min(0).max(100_000).default(66),
  /**
   * Home nurse hour, *derived*: France home-hospital day €198 over 4.36 h nursing + 4.45 h travel per home visit
   * (DOMAIN.md, Programs and outcomes; Time, pubmed 2299476) ≈ €22.5/h.
   */
  nurse_hour_cost: z.number().min(0).max(10_000).default(22.5),
  /** One nurse overtime hour past `program.shift_hours` (assumption: time and a half of nurse_hour_cost). */
  overtime_hour_cost: z.number().min(0).max(10_000).default(33.75),
  /** Nurse car cost per km driven to and from a home visit (assumption: a mileage rate). */
  nurse_cost_per_km: z.number().min(0).max(1_000).default(0.3),
  /** Patient (or driver) car cost per km to and from the clinic (assumption: the same mileage rate). */
  patient_cost_per_km: z.number().min(0).max(1_000).default(0.3),
  /** Value of one hour of patient time travelling or in the chair (assumption). */
  patient_cost_per_hour: z.number().min(0).max(10_000).default(15),
  /** Penalty per clinic chair-hour above capacity (overtime or an extra session; assumption ≈ 3 × chair-hour). */
  overflow_penalty_per_chair_hour: z.number().min(0).max(1_000_000).default(200),
  /** Penalty per day a transfusion happens after the patient fell below the safety floor (assumption, dominant). */
  late_penalty_per_day: z.number().min(0).max(1_000_000).default(1000),
  /**
   * One hospital transfer after a severe transfusion reaction, *derived*: a US same-day admission costs at least
   * $3,000 (DOMAIN.md, Costs per unit) ≈ €2,800 at 0.92 €/$ — a floor, not a mean. Used by the simulator's cost
   * per transfusion.
   */
  hospital_transfer_cost: z.number().min(0).max(1_000_000).default(2800),
});

export type CostsSettings = z.infer<typeof costsSection>;
