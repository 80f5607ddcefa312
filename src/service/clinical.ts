/**
 * Clinical figures every stage shares: the Hb rise per unit, and the typical values used when a patient's
 * cell is missing. One definition each (../shared/DOMAIN.md, Haemoglobin dynamics and Time).
 *
 * Cost: O(1) per call.
 */

/** Trigger when neither patient nor diagnosis gives one: REDDS restrictive, transfuse < 8.0 (DOMAIN.md). */
export const DEFAULT_TRIGGER_G_DL = 8;
/** Safety floor by default: AABB 2023 restrictive threshold 7 g/dL (DOMAIN.md, Hb dynamics). */
export const DEFAULT_FLOOR_G_DL = 7;
/** Units per episode when missing: "usually 2 units per episode" (DOMAIN.md, Hb dynamics, pubmed 10894876). */
export const TYPICAL_UNITS_PER_EPISODE = 2;
/** Patient travel when missing: ≈ 30 min one way (DOMAIN.md, Time, springer s00520-012-1671-9). */
export const TYPICAL_TRAVEL_MIN_ONE_WAY = 30;
/** Body weight the per-unit increment refers to: "≈ 1 g/dL per unit in an average adult" (DOMAIN.md). */
export const REFERENCE_WEIGHT_KG = 70;
/** The weight scaling of the increment is clamped to this range (as in the synthetic generator). */
const INCREMENT_SCALE_MIN = 0.7, INCREMENT_SCALE_MAX = 1.4;

/**
 * Hb rise per unit for a patient of `weightKg`: `baseGdl` (simulation.increment_per_unit_g_dl, ≈ 1 g/dL in a
 * 70 kg adult) × 70 / weight, clamped to [0.7, 1.4]× (the increment varies with body size, DOMAIN.md).
 * @example incrementPerUnitGdl(1.0, 50); // 1.4
 */
export function incrementPerUnitGdl(baseGdl: number, weightKg: number): number {
  const scale = Number.isFinite(weightKg) && weightKg > 0 ? REFERENCE_WEIGHT_KG / weightKg : 1;
  return baseGdl * Math.min(INCREMENT_SCALE_MAX, Math.max(INCREMENT_SCALE_MIN, scale));
}
