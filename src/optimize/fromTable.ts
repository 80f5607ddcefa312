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
import { thresholdsFromTable } from '../data/thresholds.js';
import type { ClinicalSettings } from '../scenario/sections/clinical.js';
import { incrementPerUnitGdl } from '../service/index.js';
import type { RegimenSettings } from '../scenario/sections/regimen.js';
import { regimensFromTable } from '../data/regimens.js';

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
 * Trigger, floor and the per-unit increment: the service model's (`clinical` section, one definition for every stage).
 * With `regimen`, a red cell exchange patient (the service model's regimen rule, src/data/regimens.ts) is marked
 * `procedure: 'exchange'`.
 * @example
 * const { patients } = patientsFromTable(table, scorePatients(table, s.priority), s.optimize, s.clinical, streams(s.seed).child('optimize').stream('hb_phase'));
 */
export function patientsFromTable(
  table: PatientTable, priority: PriorityInput, settings: OptimizeSettings, clinical: ClinicalSettings, rng: Rng, file?: string, regimen?: RegimenSettings,
): AdaptedPatients {
  const n = table.ids.length;
  const numeric = (name: string): Float64Array | undefined => {
    const c = findColumn(table, name);
    return c && c.kind !== 'categorical' ? c.values : undefined;
  };
  const missing = REQUIRED.filter((c) => !numeric(c));
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
  const thresholds = thresholdsFromTable(table, clinical);
  const hbNowCol = numeric(HB_NOW_COLUMN) ? filled(HB_NOW_COLUMN, Number.NaN) : undefined;
  const exchange = regimen ? regimensFromTable(table, regimen).exchange : undefined;
  const patients: OptimizePatient[] = [];
  for (let i = 0; i < n; i++) {
    const trigger = thresholds.triggerGdl[i]!;
    const units = Math.max(1, Math.round(upe[i]!));
    const increment = incrementPerUnitGdl(clinical.increment_per_unit_g_dl, weight[i]!);
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
      floorGDl: thresholds.floorGdl[i]!,
      travelMinOneWay: travel[i]!,
      distanceKm: dist[i]!,
      ...(exchange?.[i] ? { procedure: 'exchange' as const } : {}),
    });
  }
  return { patients, imputed, hbNowDrawn: !hbNowCol };
}
