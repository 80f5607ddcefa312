/**
 * The synthetic cohort: one row per patient of an outpatient RBC transfusion clinic, drawn from the latent
 * {@link ARCHETYPES}. Derived columns are consistent with each other (units ≈ episodes × units per episode,
 * interval ≈ 365 / episodes, Hb decline × interval ≈ increment × units), a few percent of values are missing,
 * and distance and ferritin are right-skewed.
 *
 * Cost: O(n) time and memory.
 */
import type { Rng, Streams } from '../random/index.js';
import { bernoulli, logNormal, normal, poisson, truncatedNormal, weightedIndex } from '../random/index.js';
import type { Archetype, Discrete } from './archetypes.js';
import {
  ARCHETYPES,
  CLINIC_OVERHEAD_HOURS,
  HB_INCREMENT_PER_UNIT_70KG,
  HOURS_PER_UNIT,
  TRAVEL_MIN_FIXED,
  TRAVEL_MIN_PER_KM,
} from './archetypes.js';
import { BLOOD_GROUP_SHARES } from '../service/index.js';
import { ABO_RH, COHORT_SCHEMA } from './schema.js';
import type { Column, PatientTable } from './table.js';

export interface SyntheticCohort {
  readonly table: PatientTable;
  /** Archetype name per row: the truth, never written into the cohort file. */
  readonly archetypes: readonly string[];
}

/** Share of missing values per column (assumption: "a few percent", as in real extracts). */
export const MISSING_SHARE: Readonly<Record<string, number>> = {
  weight_kg: 0.03,
  ferritin_ng_ml: 0.06,
  ecog: 0.04,
  charlson_index: 0.02,
  caregiver_available: 0.02,
  travel_min_one_way: 0.02,
  hb_decline_g_dl_week: 0.01,
  ed_visits_12m: 0.01,
};


function pick<T>(rng: Rng, d: Discrete<T>): T {
  return d[weightedIndex(rng, d.map((x) => x[1]))]![0];
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Pseudonymous id `P000042` for row 41. */
export function syntheticId(i: number): string {
  return `P${String(i + 1).padStart(6, '0')}`;
}

/** One synthetic patient's cells by column name. */
export type Row = Record<string, number | string>;

/** Draw one patient of archetype `a` (every attribute from `rng`). O(episodes). */
export function drawPatient(a: Archetype, rng: Rng): Row {
  const age = Math.round(truncatedNormal(rng, a.ageMean, a.ageSd, a.ageMin, a.ageMax));
  const male = bernoulli(rng, a.maleShare);
  const weight = truncatedNormal(rng, a.weightKgMean + (male ? 6 : -6), 11, 35, 160);
  const upeTrue = pick(rng, a.unitsPerEpisode);
  const intervalTrue = Math.min(180, Math.max(10, logNormal(rng, a.intervalDaysMedian, a.intervalSdLog)));
  // Episodes observed over 12 months: Poisson around 365 / interval, at least one.
  const episodes = Math.max(1, poisson(rng, 365 / intervalTrue));
  // Units vary a little episode to episode: each episode gets upe, with a 15% chance of one more or less.
  let units = 0;
  for (let e = 0; e < episodes; e++) {
    const r = rng.next();
    units += Math.max(1, upeTrue + (r < 0.075 ? -1 : r < 0.15 ? 1 : 0));
  }
  const interval = (365 / episodes) * Math.exp(normal(rng, 0, 0.05));
  // Steady state: Hb lost between episodes ≈ Hb gained from the units (increment scales with 70 kg / weight).
  const incrementPerUnit = HB_INCREMENT_PER_UNIT_70KG * Math.min(1.4, Math.max(0.7, 70 / weight));
  const decline = ((units / episodes) * incrementPerUnit * 7) / intervalTrue * Math.exp(normal(rng, 0, 0.12));
  const distance = Math.min(400, logNormal(rng, a.distanceKmMedian, a.distanceSdLog));
  const travel = TRAVEL_MIN_FIXED + distance * TRAVEL_MIN_PER_KM * Math.exp(normal(rng, 0, 0.15));
  const livesAlone = bernoulli(rng, a.livesAlone);
  const caregiver = bernoulli(rng, livesAlone ? a.caregiverIfAlone : a.caregiverIfCohabiting);
  const chairHours = units * HOURS_PER_UNIT + episodes * CLINIC_OVERHEAD_HOURS;
  return {
    age,
    sex: male ? 'M' : 'F',
    diagnosis: pick(rng, a.diagnosis),
    abo_rh: ABO_RH[weightedIndex(rng, BLOOD_GROUP_SHARES)]!, // US ABO/Rh shares (DOMAIN.md, Blood logistics)
    weight_kg: round(weight, 1),
    hb_pre_mean_g_dl: round(truncatedNormal(rng, a.hbPreMean, a.hbPreSd, 5.5, 11.5), 1),
    hb_decline_g_dl_week: round(Math.min(4.5, decline), 2),
    episodes_12m: episodes,
    units_12m: units,
    units_per_episode: round(units / episodes, 2),
    interval_days_mean: round(interval, 1),
    clinic_hours_12m: round(chairHours * Math.exp(normal(rng, 0, 0.05)), 1),
    distance_km: round(distance, 1),
    travel_min_one_way: Math.round(travel),
    ecog: pick(rng, a.ecog),
    charlson_index: Math.min(20, poisson(rng, a.charlsonMean)),
    lives_alone: livesAlone ? 1 : 0,
    caregiver_available: caregiver ? 1 : 0,
    phone_access: bernoulli(rng, a.phoneAccess) ? 1 : 0,
    reactions_12m: Math.min(20, poisson(rng, a.reactionRatePerUnit * units)),
    haemolytic_reaction_history: bernoulli(rng, a.haemolyticHistory) ? 1 : 0,
    alloantibodies: bernoulli(rng, a.alloantibodies) ? 1 : 0,
    heart_failure: bernoulli(rng, a.heartFailure) ? 1 : 0,
    ed_visits_12m: Math.min(60, poisson(rng, a.edVisitsMean)),
    ferritin_ng_ml: Math.round(Math.min(25000, logNormal(rng, a.ferritinMedian, 0.6))),
  };
}

/**
 * Generate `n` patients. Streams used: `cohort/archetype`, `cohort/attributes`, `cohort/missing`.
 * @example
 * const { table, archetypes } = synthesizeCohort(1200, streams(42));
 */
export function synthesizeCohort(n: number, rngs: Streams, archetypes: readonly Archetype[] = ARCHETYPES): SyntheticCohort {
  if (!Number.isInteger(n) || n < 1) throw new Error(`synthesizeCohort: n must be a positive integer, got ${n}`);
  const family = rngs.child('cohort');
  const archetypeRng = family.stream('archetype');
  const attributeRng = family.stream('attributes');
  const missingRng = family.stream('missing');
  const shares = archetypes.map((a) => a.share);
  const names: string[] = new Array<string>(n);
  const rows: Row[] = new Array<Row>(n);
  for (let i = 0; i < n; i++) {
    const a = archetypes[weightedIndex(archetypeRng, shares)]!;
    names[i] = a.name;
    rows[i] = drawPatient(a, attributeRng);
  }
  const ids = Array.from({ length: n }, (_, i) => syntheticId(i));
  return { table: rowsToTable(rows, ids, missingRng), archetypes: names };
}

/**
 * The cohort table of drawn rows, with {@link MISSING_SHARE} of each column blanked from `missingRng`. O(n · columns).
 * @example rowsToTable([drawPatient(ARCHETYPES[0]!, rng)], ['P000001'], missingRng);
 */
export function rowsToTable(rows: readonly Row[], ids: string[], missingRng: Rng): PatientTable {
  const columns: Column[] = COHORT_SCHEMA.columns.map((spec) => {
    const share = MISSING_SHARE[spec.name] ?? 0;
    const missing = (): boolean => share > 0 && missingRng.next() < share;
    if (spec.type === 'categorical') {
      const levels = [...(spec.categories ?? [])];
      const codes = Int32Array.from(rows, (r) => (missing() ? -1 : levels.indexOf(String(r[spec.name]))));
      return { kind: 'categorical', name: spec.name, levels, codes };
    }
    const values = Float64Array.from(rows, (r) => (missing() ? Number.NaN : Number(r[spec.name])));
    return spec.unit !== undefined ? { kind: spec.type, name: spec.name, unit: spec.unit, values } : { kind: spec.type, name: spec.name, values };
  });
  return { idColumn: 'patient_id', ids, columns };
}
