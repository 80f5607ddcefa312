/** Tiny hand-checkable instances for the optimize tests. */
import { costsSection } from '../../src/scenario/sections/costs.js';
import { optimizeSection } from '../../src/scenario/sections/optimize.js';
import { programSection } from '../../src/scenario/sections/program.js';
import type { OptimizePatient } from '../../src/optimize/index.js';

/** Every day a working day, 1 h per unit, no overheads: visit hours = units, chair hours = units. */
export function program(over: Record<string, unknown> = {}) {
  return programSection.parse({
    nurses: 1, shift_hours: 8, max_visits_per_nurse_per_day: 1, working_days: [1, 2, 3, 4, 5, 6, 7], home_units_per_day: 10,
    hours_per_unit: 1, observation_hours: 0, pickup_hours: 0, clinic_chairs: 10, clinic_hours_per_day: 10, clinic_overhead_hours: 0, setup_hours: 0,
    overtime_max_hours: 0, ...over,
  });
}

/** All costs zero unless given. */
export function costs(over: Record<string, unknown> = {}) {
  return costsSection.parse({
    unit_cost: 0, chair_hour_cost: 0, nurse_hour_cost: 0, nurse_cost_per_km: 0, patient_cost_per_km: 0, patient_cost_per_hour: 0,
    overflow_penalty_per_chair_hour: 0, late_penalty_per_day: 0, overtime_hour_cost: 0, ...over,
  });
}

export function settings(over: Record<string, unknown> = {}) {
  return optimizeSection.parse({ horizon_days: 2, early_margin_g_dl: 0, mip_gap: 0, time_limit_sec: 20, ...over });
}

/**
 * Hb falls 1 g/dL a day (7/week); trigger 8, floor 6: with hbNow = 8 the first transfusion is due on days 1–2.
 * One unit adds `increment` (default 5, so no second transfusion within a short horizon).
 */
export function patient(id: string, over: Partial<OptimizePatient> = {}): OptimizePatient {
  return {
    id, eligible: true, score: 1, hbNowGDl: 8, hbDeclinePerWeek: 7, hbIncrementPerUnit: 5, unitsPerEpisode: 1,
    triggerGDl: 8, floorGDl: 6, travelMinOneWay: 0, distanceKm: 0, ...over,
  };
}
