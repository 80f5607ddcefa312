/**
 * Adapter: a patient table plus priority's eligibility and score → {@link OptimizePatient}s. Columns follow the
 * cohort schema (src/data/schema.ts); a missing value gets the column median (counted in `imputed`).
 * Cost: O(n log n) (medians).
 */
import type { PatientTable } from '../data/table.js';
import { findColumn } from '../data/table.js';
import type { Rng } from '../random/index.js';
import { InputError } from '../errors.js';
import type { OptimizePatient, OptimizeSettings } from './types.js';
import { median } from '../stats/index.js';
import { dict } from '../data/dict.js';

/** Hb increment per unit in a 70 kg adult, ≈ 1 g/dL, scaled by 70 kg / weight within [0.7, 1.4] (DOMAIN.md, Hb dynamics). */
export const HB_INCREMENT_PER_UNIT_70KG = 1.0;
const INCREMENT_SCALE_MIN = 0.7;
const INCREMENT_SCALE_MAX = 1.4;

/** Optional column with each patient's current Hb; without it the phase in the cycle is drawn (see below). */
export const HB_NOW_COLUMN = 'hb_now_g_dl';

/** Priority's output as optimize needs it (plain arrays, one entry per table row). */
export interface PriorityInput {
  readonly eligible: ArrayLike<number>;
  readonly score: ArrayLike<number>;
}

export interface AdaptedPatients {
  readonly patients: OptimizePatient[];
  /** Missing values filled with the column median, per column. */
  readonly imputed: Readonly<Record<string, number>>;
  /** True when current Hb was drawn (no `hb_now_g_dl` column). */
  readonly hbNowDrawn: boolean;
}

const REQUIRED = ['hb_decline_g_dl_week', 'units_per_episode', 'travel_min_one_way', 'distance_km'] as const;

/**
 * Build the model's patients. Without an `hb_now_g_dl` column, each patient's Hb today is drawn uniformly over
 * one cycle, trigger + U·(units · increment), U from `rng` (the pipeline passes stream `optimize/hb_phase`).
 * Trigger: the patient's usual pre-transfusion Hb (`hb_trigger: usual`) or the scenario's number; floor:
 * `hb_floor_g_dl`, lowered to trigger − margin for patients whose usual Hb sits near or below it.
 * @example
 * const { patients } = patientsFromTable(table, scorePatients(table, s.priority), s.optimize, streams(s.seed).child('optimize').stream('hb_phase'));
 */
export function patientsFromTable(table: PatientTable, priority: PriorityInput, settings: OptimizeSettings, rng: Rng, file?: string): AdaptedPatients {
  const n = table.ids.length;
  const numeric = (name: string): Float64Array | undefined => {
    const c = findColumn(table, name);
    return c && c.kind !== 'categorical' ? c.values : undefined;
  };
  const missing = REQUIRED.filter((c) => !numeric(c));
  if (settings.hb_trigger === 'usual' && !numeric('hb_pre_mean_g_dl')) missing.push('hb_pre_mean_g_dl' as never);
  if (missing.length) {
    throw new InputError(missing.map((c) => ({ code: 'missing_column', ...(file ? { file } : {}), column: c, message: 'optimize needs this numeric column' })));
  }
  const imputed = dict<number>();
  const filled = (name: string, fallback: number): Float64Array => {
    const v = numeric(name);
    if (!v) return new Float64Array(n).fill(fallback);
    const med = median(v);
    let count = 0;
    const out = Float64Array.from(v, (x) => (Number.isNaN(x) ? (count++, Number.isNaN(med) ? fallback : med) : x));
    if (count) imputed[name] = count;
    return out;
  };
  const decline = filled('hb_decline_g_dl_week', 0.5);
  const upe = filled('units_per_episode', 2);
  const travel = filled('travel_min_one_way', 30);
  const dist = filled('distance_km', 20);
  const weight = filled('weight_kg', 70);
  const usual = settings.hb_trigger === 'usual' ? filled('hb_pre_mean_g_dl', 8) : undefined;
  const hbNowCol = numeric(HB_NOW_COLUMN) ? filled(HB_NOW_COLUMN, Number.NaN) : undefined;
  const patients: OptimizePatient[] = [];
  for (let i = 0; i < n; i++) {
    const trigger = usual ? usual[i]! : (settings.hb_trigger as number);
    const units = Math.max(1, Math.round(upe[i]!));
    const increment = HB_INCREMENT_PER_UNIT_70KG * Math.min(INCREMENT_SCALE_MAX, Math.max(INCREMENT_SCALE_MIN, 70 / weight[i]!));
    const phase = rng.next();
    patients.push({
      id: table.ids[i]!,
      eligible: priority.eligible[i] === 1,
      score: Math.max(0, priority.score[i] ?? 0),
      hbNowGDl: hbNowCol ? hbNowCol[i]! : trigger + phase * units * increment,
      hbDeclinePerWeek: Math.max(0, decline[i]!),
      hbIncrementPerUnit: increment,
      unitsPerEpisode: units,
      triggerGDl: trigger,
      floorGDl: Math.min(settings.hb_floor_g_dl, trigger - settings.early_margin_g_dl),
      travelMinOneWay: travel[i]!,
      distanceKm: dist[i]!,
    });
  }
  return { patients, imputed, hbNowDrawn: !hbNowCol };
}
