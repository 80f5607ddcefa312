/**
 * Adapt the patient table (and, when available, the priority, rules and segment results) into a
 * {@link SimCohort}. Missing cells fall back to cohort medians or DOMAIN.md typical values.
 *
 * When the pipeline has no priority result, {@link standInEligibility} and {@link standInScore} apply the
 * DOMAIN.md exclusions and a burden score; they are stand-ins, named as such, for runs without that stage.
 *
 * Cost: O(n · columns).
 */
import type { PatientTable } from '../../data/table.js';
import { findColumn } from '../../data/table.js';
import type { ClinicalSettings } from '../../scenario/sections/clinical.js';
import { thresholdsFromTable } from '../../data/thresholds.js';
import { regimensFromTable } from '../../data/regimens.js';
import type { RegimenSettings } from '../../scenario/sections/regimen.js';
import type { ProgramSettings } from '../../scenario/sections/program.js';
import type { BloodGroup } from '../../service/index.js';
import { BLOOD_GROUPS } from '../../service/index.js';
import { REFERENCE_WEIGHT_KG, TYPICAL_TRAVEL_MIN_ONE_WAY, TYPICAL_UNITS_PER_EPISODE, homeVisitHours, incrementPerUnitGdl } from '../../service/index.js';
import { median } from '../../stats/index.js';
import type { LegSource } from '../../service/legs.js';
import type { SimCohort } from './types.js';

/** What the earlier stages contribute per patient (index-aligned with the table); all optional. */
export interface CohortInputs {
  /** Home eligibility from priority. */
  readonly eligible?: ArrayLike<boolean | number>;
  /** Priority score (higher first), without its waiting-time term. */
  readonly score?: ArrayLike<number>;
  /** Target group from rules / segments. */
  readonly target?: ArrayLike<boolean | number>;
  /** Segment label per patient. */
  readonly segment?: readonly (string | number)[];
  /** The priority model's waiting-time term (maxPoints of `waiting_time`, `anchors.waiting_days`). */
  readonly waiting?: { readonly maxPoints: number; readonly fullAtDays: number };
  /** The clinical-urgency term to recompute from simulated Hb (`score` then excludes it). */
  readonly urgency?: { readonly maxPoints: number; readonly fullAtDays: number };
  /** Travel between homes (scenario `routing`): home visits may be chained on one trip. */
  readonly legs?: LegSource;
}

const TYPICAL_TRAVEL_MIN = TYPICAL_TRAVEL_MIN_ONE_WAY;
const TYPICAL_UNITS = TYPICAL_UNITS_PER_EPISODE;

function numbers(table: PatientTable, name: string): Float64Array | undefined {
  const c = findColumn(table, name);
  return c && c.kind !== 'categorical' ? c.values : undefined;
}

/** The proper median of the finite values (it was the upper median before the statistics module). */
function typicalOr(v: Float64Array | undefined, fallback: number): number {
  const m = v ? median(v.filter((x) => Number.isFinite(x))) : Number.NaN;
  return Number.isNaN(m) ? fallback : m;
}

function filled(v: Float64Array | undefined, n: number, fallback: number): Float64Array {
  const m = typicalOr(v, fallback);
  return Float64Array.from({ length: n }, (_, i) => { const x = v?.[i]; return x !== undefined && Number.isFinite(x) ? x : m; });
}

/**
 * Stand-in eligibility (DOMAIN.md exclusions): no haemolytic-reaction history, a phone, a second adult or
 * caregiver, within 100 km. Used only when the priority stage gives none.
 */
export function standInEligibility(table: PatientTable): Uint8Array {
  const n = table.ids.length;
  const haem = numbers(table, 'haemolytic_reaction_history'), phone = numbers(table, 'phone_access');
  const alone = numbers(table, 'lives_alone'), carer = numbers(table, 'caregiver_available'), dist = numbers(table, 'distance_km');
  return Uint8Array.from({ length: n }, (_, i) => {
    const ok = haem?.[i] !== 1 && phone?.[i] !== 0 && !(alone?.[i] === 1 && carer?.[i] !== 1) && !((dist?.[i] ?? 0) > 100);
    return ok ? 1 : 0;
  });
}

/** Stand-in score: yearly clinic hours + travel hours a year (the burden a home visit removes). */
export function standInScore(table: PatientTable): Float64Array {
  const n = table.ids.length;
  const hours = filled(numbers(table, 'clinic_hours_12m'), n, 50), episodes = filled(numbers(table, 'episodes_12m'), n, 12);
  const travel = filled(numbers(table, 'travel_min_one_way'), n, TYPICAL_TRAVEL_MIN);
  return Float64Array.from({ length: n }, (_, i) => hours[i]! + (episodes[i]! * 2 * travel[i]!) / 60);
}

function labels(values: readonly (string | number)[] | undefined, n: number): { codes: Int32Array; names: string[] } {
  const names: string[] = [];
  const codes = new Int32Array(n).fill(-1);
  if (!values) return { codes, names };
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === undefined || v === '') continue;
    const key = String(v);
    let k = index.get(key);
    if (k === undefined) { k = names.length; names.push(key); index.set(key, k); }
    codes[i] = k;
  }
  return { codes, names };
}

/**
 * The cohort as an instance of a class rather than an object literal. A cohort is built once per simulated
 * point and read in the simulator's hottest code; V8 makes a literal's template only when the literal is
 * evaluated a second time, and that widens the field types recorded for it, which threw away every simulator
 * function optimised during the first point (≈ 12 functions recompiled per thread, measured with
 * `--trace-generalization --trace-deopt`). A class instance's fields keep their types. The interface merge
 * gives the class SimCohort's fields without emitting field definitions.
 */
interface CohortRecord extends SimCohort {}
class CohortRecord {
  constructor(fields: SimCohort) {
    Object.assign(this, fields);
  }
}

/**
 * Build the simulator's cohort. With `regimen`, exchange patients (src/service/regimen.ts) are never eligible
 * for home.
 * @example const cohort = simCohortFromTable(table, { eligible, score }, scenario.clinical, scenario.regimen);
 */
export function simCohortFromTable(table: PatientTable, inputs: CohortInputs, clinical: ClinicalSettings, regimen?: RegimenSettings): SimCohort {
  const n = table.ids.length;
  const weight = filled(numbers(table, 'weight_kg'), n, REFERENCE_WEIGHT_KG);
  const upe = filled(numbers(table, 'units_per_episode'), n, TYPICAL_UNITS);
  const eligible = inputs.eligible ? Uint8Array.from({ length: n }, (_, i) => (inputs.eligible![i] ? 1 : 0)) : standInEligibility(table);
  const regimens = regimen ? regimensFromTable(table, regimen) : undefined;
  if (regimens) for (let i = 0; i < n; i++) if (regimens.exchange[i]) eligible[i] = 0;
  const diagnosis = findColumn(table, 'diagnosis');
  const seg = labels(inputs.segment, n);
  const thresholds = thresholdsFromTable(table, clinical);
  return new CohortRecord({
    n,
    triggerGdl: thresholds.triggerGdl,
    floorGdl: thresholds.floorGdl,
    declinePerDay: Float64Array.from(filled(numbers(table, 'hb_decline_g_dl_week'), n, 0.5), (w) => Math.max(0, w) / 7),
    unitsPerEpisode: Int32Array.from(upe, (u) => Math.max(1, Math.round(u))),
    incrementPerUnit: Float64Array.from(weight, (w) => incrementPerUnitGdl(clinical.increment_per_unit_g_dl, w)),
    travelMinOneWay: filled(numbers(table, 'travel_min_one_way'), n, TYPICAL_TRAVEL_MIN),
    distanceKm: filled(numbers(table, 'distance_km'), n, 20),
    eligible,
    score: inputs.score ? Float64Array.from({ length: n }, (_, i) => Number(inputs.score![i]) || 0) : standInScore(table),
    target: inputs.target ? Uint8Array.from({ length: n }, (_, i) => (inputs.target![i] ? 1 : 0)) : eligible.slice(),
    segment: seg.codes,
    segmentNames: seg.names,
    diagnosis: diagnosis?.kind === 'categorical' ? Int32Array.from(diagnosis.codes) : new Int32Array(n).fill(-1),
    diagnosisNames: diagnosis?.kind === 'categorical' ? [...diagnosis.levels] : [],
    waiting: inputs.waiting && inputs.waiting.fullAtDays > 0 ? { ...inputs.waiting } : null,
    urgency: inputs.urgency && inputs.urgency.fullAtDays > 0 ? { ...inputs.urgency } : null,
    bloodGroup: bloodGroupsOf(table),
    ...(regimens ? { exchange: regimens.exchange, topUpCapGdl: regimens.topUpCapGdl } : {}),
    ...(inputs.legs ? { legs: inputs.legs } : {}),
  });
}

/** Each patient's ABO/Rh group from the `abo_rh` column (index into BLOOD_GROUPS), −1 if missing or absent. O(n). */
function bloodGroupsOf(table: PatientTable): Int8Array {
  const n = table.ids.length, c = findColumn(table, 'abo_rh');
  const out = new Int8Array(n).fill(-1);
  if (c?.kind !== 'categorical') return out;
  const index = c.levels.map((l) => BLOOD_GROUPS.indexOf(l as BloodGroup));
  for (let i = 0; i < n; i++) { const k = c.codes[i]!; if (k >= 0) out[i] = index[k]!; }
  return out;
}

/**
 * Nurse hours of one home visit per patient (the service model's visit length). O(n).
 * @example visitHoursOf(cohort, scenario.program)[0]; // e.g. 9.15
 */
export function visitHoursOf(cohort: SimCohort, program: ProgramSettings): Float64Array {
  return Float64Array.from({ length: cohort.n }, (_, i) => homeVisitHours(program, cohort.unitsPerEpisode[i]!, cohort.travelMinOneWay[i]!));
}

/**
 * Urgency points of a patient `daysToTrigger` days from their projected trigger day (0 when no urgency term).
 * O(1). @example urgencyPoints(cohort, 7); // 25 · (1 − 7/28) = 18.75 with the default model
 */
export function urgencyPoints(cohort: SimCohort, daysToTrigger: number): number {
  const u = cohort.urgency;
  return u ? u.maxPoints * (1 - Math.min(1, Math.max(0, daysToTrigger) / u.fullAtDays)) : 0;
}
