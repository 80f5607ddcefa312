/**
 * One transfusion trigger and one safety floor per patient, the only definition every stage uses:
 *
 *   trigger = patient column (clinical.trigger_column, default the usual pre-transfusion Hb) if present,
 *             else clinical.by_diagnosis[diagnosis].trigger_g_dl, else clinical.trigger_g_dl;
 *   floor   = patient column (clinical.floor_column) if present, else by diagnosis, else clinical.floor_g_dl;
 *             lowered to trigger − floor_gap_g_dl where it is not below the trigger (counted).
 *
 * Cost: O(n).
 */
import type { ClinicalSettings } from '../scenario/sections/clinical.js';

export interface PatientThresholds {
  readonly triggerGdl: Float64Array;
  readonly floorGdl: Float64Array;
  /** Patients whose floor was lowered to trigger − gap. */
  readonly floorsLowered: number;
}

/** Per-patient inputs: diagnosis (undefined = unknown) and the override columns (NaN = missing). */
export interface ThresholdInputs {
  readonly n: number;
  readonly diagnosis?: (i: number) => string | undefined;
  readonly triggerColumn?: ArrayLike<number>;
  readonly floorColumn?: ArrayLike<number>;
}

const given = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/**
 * Each patient's trigger and floor.
 * @example patientThresholds(scenario.clinical, { n: 1, diagnosis: () => 'thalassaemia' }).triggerGdl[0]; // 9.5
 */
export function patientThresholds(clinical: ClinicalSettings, inp: ThresholdInputs): PatientThresholds {
  const triggerGdl = new Float64Array(inp.n), floorGdl = new Float64Array(inp.n);
  let floorsLowered = 0;
  for (let i = 0; i < inp.n; i++) {
    const dx = inp.diagnosis?.(i);
    const byDx = dx === undefined ? undefined : clinical.by_diagnosis[dx];
    const t = inp.triggerColumn?.[i], f = inp.floorColumn?.[i];
    const trigger = given(t) ? t : byDx?.trigger_g_dl ?? clinical.trigger_g_dl;
    let floor = given(f) ? f : byDx?.floor_g_dl ?? clinical.floor_g_dl;
    if (floor >= trigger) { floor = trigger - clinical.floor_gap_g_dl; floorsLowered++; }
    triggerGdl[i] = trigger;
    floorGdl[i] = floor;
  }
  return { triggerGdl, floorGdl, floorsLowered };
}
