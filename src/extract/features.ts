/**
 * One patient's aggregates (from src/extract/sql/07_patient.sql) and episodes → the cohort's 25 columns, or
 * the reason the patient is left out. Pure arithmetic: the DuckDB reader (src/data/events/) hands plain
 * records in, nothing here touches a database or a file.
 */
import { CLINIC_OVERHEAD_HOURS, HOURS_PER_UNIT, TRAVEL_MIN_FIXED, TRAVEL_MIN_PER_KM } from '../data/archetypes.js';
import type { DIAGNOSES } from '../data/schema.js';
import { charlsonIndex } from './charlson.js';
import type { CharlsonGroup } from './concepts.js';
import type { Episode } from './episodes.js';
import { episodeFeatures } from './episodes.js';
import { greatCircleKm } from './geo.js';
import type { ExtractWindows } from './windows.js';

type Diagnosis = (typeof DIAGNOSES)[number];

/** A person's aggregates; `null` where the data have nothing. Days are days since 1970-01-01. */
export interface PatientAggregates {
  readonly personId: string;
  readonly genderConceptId: number | null;
  readonly genderSource: string | null;
  readonly birthDay: number;
  readonly asOfDay: number;
  readonly firstDay: number | null;
  readonly personLat: number | null;
  readonly personLon: number | null;
  readonly siteLat: number | null;
  readonly siteLon: number | null;
  readonly travelMinutes: number | null;
  readonly weightKg: number | null;
  readonly ferritin: number | null;
  readonly ecog: number | null;
  readonly aboRh: string | null;
  readonly livesAlone: number | null;
  readonly caregiver: number | null;
  readonly phoneAccess: number | null;
  readonly alloantibodies: boolean;
  readonly haemolytic: boolean;
  readonly heartFailure: boolean;
  readonly reactions12m: number;
  readonly edVisits12m: number;
  readonly clinicHours: number | null;
  readonly clinicVisits: number;
  readonly timedVisits: number;
  readonly diagnosisCounts: Readonly<Partial<Record<Diagnosis, number>>>;
  readonly charlsonGroups: ReadonlySet<CharlsonGroup>;
}

/** Why a person is not in the cohort. */
export type ExclusionReason = 'no_transfusion_in_lookback' | 'short_history';

export type PatientOutcome =
  | { readonly kind: 'row'; readonly row: Readonly<Record<string, number | string | null>> }
  | { readonly kind: 'excluded'; readonly reason: ExclusionReason; readonly detail: string };

const num = (x: number | null): number => (x === null ? Number.NaN : x);
const flag = (x: number | null): number => (x === null ? Number.NaN : x > 0 ? 1 : 0);
const round = (x: number, digits: number): number => (Number.isNaN(x) ? x : Math.round(x * 10 ** digits) / 10 ** digits);

/** Whole years from birth to as-of (calendar birthdays, UTC). */
export function ageYears(birthDay: number, asOfDay: number): number {
  const b = new Date(birthDay * 86_400_000);
  const a = new Date(asOfDay * 86_400_000);
  let years = a.getUTCFullYear() - b.getUTCFullYear();
  if (a.getUTCMonth() < b.getUTCMonth() || (a.getUTCMonth() === b.getUTCMonth() && a.getUTCDate() < b.getUTCDate())) years--;
  return years;
}

/** OMOP gender concept 8507 male / 8532 female, else the source value M/F/MALE/FEMALE. */
export function sexOf(conceptId: number | null, source: string | null): string | null {
  if (conceptId === 8507) return 'M';
  if (conceptId === 8532) return 'F';
  const s = (source ?? '').trim().toUpperCase();
  return s === 'M' || s === 'MALE' ? 'M' : s === 'F' || s === 'FEMALE' ? 'F' : null;
}

/** `O+`, `o pos`, `AB negative` → `O+`, `O+`, `AB-`; anything else → null. */
export function aboRhOf(text: string | null): string | null {
  const m = /^\s*(AB|A|B|O)\s*(\+|-|POS(?:ITIVE)?|NEG(?:ATIVE)?)\s*$/i.exec(text ?? '');
  if (!m) return null;
  return `${m[1]!.toUpperCase()}${m[2]!.startsWith('-') || /^N/i.test(m[2]!) ? '-' : '+'}`;
}

/** The group with most records; ties go to the group listed first in the schema's DIAGNOSES. */
export function mainDiagnosis(counts: Readonly<Partial<Record<Diagnosis, number>>>, order: readonly Diagnosis[]): Diagnosis | null {
  let best: Diagnosis | null = null;
  for (const d of order) if ((counts[d] ?? 0) > 0 && (best === null || (counts[d] ?? 0) > (counts[best] ?? 0))) best = d;
  return best;
}

/**
 * The cohort row of one person (column names as in COHORT_SCHEMA), or why they are excluded. Episodes in start
 * order. Cost: O(episodes).
 */
export function patientFeatures(p: PatientAggregates, episodes: readonly Episode[], windows: ExtractWindows, diagnosisOrder: readonly Diagnosis[]): PatientOutcome {
  if (episodes.length === 0) {
    return { kind: 'excluded', reason: 'no_transfusion_in_lookback', detail: `no RBC transfusion in the ${windows.lookbackDays} days before as-of` };
  }
  const history = p.firstDay === null ? 0 : p.asOfDay - p.firstDay;
  if (history < windows.minHistoryDays) {
    return { kind: 'excluded', reason: 'short_history', detail: `first record ${history} days before as-of (needs ${windows.minHistoryDays})` };
  }
  const e = episodeFeatures(episodes);
  const distance = p.personLat !== null && p.personLon !== null && p.siteLat !== null && p.siteLon !== null
    ? greatCircleKm(p.personLat, p.personLon, p.siteLat, p.siteLon) : Number.NaN;
  // Travel: the travel_time table when given, else the generator's road model (archetypes.ts, DOMAIN.md Time).
  const travel = p.travelMinutes ?? TRAVEL_MIN_FIXED + distance * TRAVEL_MIN_PER_KM;
  // Chair hours: timed visits on transfusion days; else estimated per unit and episode (DOMAIN.md, Time).
  const clinic = p.clinicVisits > 0 && p.timedVisits === p.clinicVisits && p.clinicHours !== null
    ? p.clinicHours : e.units * HOURS_PER_UNIT + e.episodes * CLINIC_OVERHEAD_HOURS;
  return {
    kind: 'row',
    row: {
      age: ageYears(p.birthDay, p.asOfDay),
      sex: sexOf(p.genderConceptId, p.genderSource),
      diagnosis: mainDiagnosis(p.diagnosisCounts, diagnosisOrder),
      abo_rh: aboRhOf(p.aboRh),
      weight_kg: num(p.weightKg),
      hb_pre_mean_g_dl: round(e.hbPreMean, 2),
      hb_decline_g_dl_week: round(e.hbDeclinePerWeek, 3),
      episodes_12m: e.episodes,
      units_12m: e.units,
      units_per_episode: round(e.unitsPerEpisode, 3),
      interval_days_mean: round(e.intervalDaysMean, 2),
      clinic_hours_12m: round(clinic, 2),
      distance_km: round(distance, 2),
      travel_min_one_way: round(travel, 1),
      ecog: num(p.ecog),
      charlson_index: charlsonIndex(p.charlsonGroups),
      lives_alone: flag(p.livesAlone),
      caregiver_available: flag(p.caregiver),
      phone_access: flag(p.phoneAccess),
      reactions_12m: p.reactions12m,
      haemolytic_reaction_history: p.haemolytic ? 1 : 0,
      alloantibodies: p.alloantibodies ? 1 : 0,
      heart_failure: p.heartFailure ? 1 : 0,
      ed_visits_12m: p.edVisits12m,
      ferritin_ng_ml: num(p.ferritin),
    },
  };
}
