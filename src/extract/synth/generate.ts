/**
 * The synthetic event-level generator: the patient-level generator (src/data/synth.ts, same archetypes and
 * streams) draws each patient's row, and this module writes the events that row implies — transfusions on
 * dated days, Hb results around them, diagnoses, visits, a home address at the drawn distance. It returns the
 * events and the *event truth*: the patient-level table with the few values events cannot carry made exact
 * (see docs/extract.md, "Round trip"). Streams: `cohort/*` as synth, plus `events/<row>` per patient.
 *
 * Cost: O(patients × events per patient).
 */
import type { Rng, Streams } from '../../random/index.js';
import { normal, randomInt, uniform } from '../../random/index.js';
import {
  CLINIC_OVERHEAD_HOURS, HB_INCREMENT_PER_UNIT_70KG, HOURS_PER_UNIT, TRAVEL_MIN_FIXED, TRAVEL_MIN_PER_KM,
} from '../../data/archetypes.js';
import { synthesizeCohort } from '../../data/synth.js';
import type { Column, PatientTable } from '../../data/table.js';
import { destinationPoint } from '../geo.js';
import type { SynthCondition, SynthEvents, SynthPerson, SynthResult, SynthTransfusion, SynthVisit } from './model.js';
import { CHARLSON_FILLERS, DIAGNOSIS_CHARLSON, DIAGNOSIS_CODE, SYNTH_CODES as C } from './model.js';

/** The clinic of the synthetic program (assumption: any point; distances are what matter). */
export const SYNTH_CLINIC = { lat: 45.0, lon: 9.0 } as const;
/** Default as-of date of generated data. */
export const SYNTH_AS_OF = '2025-06-30';

export interface EventCohort {
  readonly events: SynthEvents;
  /** Patient-level truth the extractor must reproduce (ids as the patient-level generator's). */
  readonly truth: PatientTable;
  readonly archetypes: readonly string[];
}

type Values = Record<string, number>;

interface Sink {
  transfusions: SynthTransfusion[];
  results: SynthResult[];
  conditions: SynthCondition[];
  visits: SynthVisit[];
}

const r2 = (x: number): number => Math.round(x * 100) / 100;

/** The columns of the event truth that differ from the patient-level row (see the module comment). */
export const EXACT_IN_EVENTS = ['interval_days_mean', 'hb_decline_g_dl_week', 'charlson_index', 'travel_min_one_way', 'ed_visits_12m'];

/** Place the episodes: integer start days with mean gap exactly `span / (e − 1)`, all inside the window. */
function episodeDays(rng: Rng, asOf: number, e: number, interval: number, lengths: readonly number[]): number[] {
  const longest = Math.max(...lengths);
  const span = e > 1 ? Math.min(Math.round(interval * (e - 1)), 360 - longest) : 0;
  const first = asOf - 364 + randomInt(rng, Math.max(1, 364 - span - longest - 1));
  return Array.from({ length: e }, (_, k) => first + (e > 1 ? Math.round((k * span) / (e - 1)) : 0));
}

/** Transfusions, Hb results and chair-time visits of one patient; returns the truth values these imply. */
function transfusionEvents(p: number, v: Values, rng: Rng, asOf: number, out: Sink): { interval: number; decline: number } {
  const e = v.episodes_12m!;
  const units = Array.from({ length: e }, (_, k) => Math.floor(v.units_12m! / e) + (k < v.units_12m! % e ? 1 : 0));
  const lengths = units.map((u) => (u >= 4 ? 2 : 1)); // four or more units: over two consecutive days
  const starts = episodeDays(rng, asOf, e, v.interval_days_mean!, lengths);
  const weight = Number.isNaN(v.weight_kg!) ? 70 : v.weight_kg!;
  const incr = HB_INCREMENT_PER_UNIT_70KG * Math.min(1.4, Math.max(0.7, 70 / weight));
  // Decline: the drawn value, or the steady state when it was drawn missing (see the module comment).
  const steady = r2((v.units_per_episode! * incr * 7) / Math.max(7, v.interval_days_mean!));
  const decline = Number.isNaN(v.hb_decline_g_dl_week!) ? steady : v.hb_decline_g_dl_week!;
  const noise = units.map(() => normal(rng, 0, 0.3));
  const mean = noise.reduce((a, b) => a + b, 0) / e;
  const pre = noise.map((x) => r2(v.hb_pre_mean_g_dl! + x - mean));
  const weights = units.map((u) => u * HOURS_PER_UNIT + CLINIC_OVERHEAD_HOURS);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  for (let k = 0; k < e; k++) {
    const end = starts[k]! + lengths[k]! - 1;
    const post = k + 1 < e ? pre[k + 1]! + (decline * (starts[k + 1]! - (end + 1))) / 7 : pre[k]! + units[k]! * incr;
    out.results.push({ person: p, day: starts[k]!, code: C.hb, value: pre[k]! });
    out.results.push({ person: p, day: end + 1, code: C.hb, value: r2(post) });
    const seconds = Math.round((v.clinic_hours_12m! * 3600 * weights[k]!) / totalWeight);
    for (let d = 0; d < lengths[k]!; d++) {
      const u = lengths[k] === 1 ? units[k]! : d === 0 ? Math.ceil(units[k]! / 2) : Math.floor(units[k]! / 2);
      out.transfusions.push({ person: p, day: starts[k]! + d, units: u });
      const part = lengths[k] === 1 ? seconds : d === 0 ? Math.round(seconds / 2) : seconds - Math.round(seconds / 2);
      out.visits.push({ person: p, day: starts[k]! + d, kind: 'clinic', startSec: 8 * 3600, endSec: 8 * 3600 + part });
    }
  }
  return { interval: e > 1 ? (starts[e - 1]! - starts[0]!) / (e - 1) : Number.NaN, decline };
}

/** Charlson conditions reaching max(drawn index, what diagnosis and heart failure bring); returns the index. */
function charlsonEvents(p: number, v: Values, diagnosis: string, rng: Rng, asOf: number, out: Sink): number {
  const floor = (DIAGNOSIS_CHARLSON[diagnosis] ?? 0) + (v.heart_failure === 1 ? 1 : 0);
  let left = Math.max(0, (Number.isNaN(v.charlson_index!) ? 0 : v.charlson_index!) - floor);
  let reached = floor;
  for (const [code, w] of CHARLSON_FILLERS) {
    if (left < w) continue;
    out.conditions.push({ person: p, day: asOf - 30 - randomInt(rng, 700), code });
    left -= w;
    reached += w;
  }
  return reached;
}

/** Everything but transfusions and Charlson: diagnosis, labs, social observations, reactions, ED visits. */
function otherEvents(p: number, v: Values, diagnosis: string, abo: string, rng: Rng, asOf: number, out: Sink): void {
  const inWindow = () => asOf - 360 + randomInt(rng, 360);
  const lab = (back: number, code: string, value: number) => {
    if (!Number.isNaN(value)) out.results.push({ person: p, day: asOf - back, code, value });
  };
  for (const back of [400 + randomInt(rng, 200), 200, 30]) {
    out.conditions.push({ person: p, day: asOf - back, code: DIAGNOSIS_CODE[diagnosis]! });
  }
  lab(500, C.hb, 9.1);
  out.results.push({ person: p, day: asOf - 700, code: C.aboRh, text: abo });
  lab(30, C.weight, v.weight_kg!);
  lab(420, C.weight, v.weight_kg! + 5); // outside the 12-month window: must not be the weight
  lab(60, C.ferritin, v.ferritin_ng_ml!);
  lab(20, C.ecog, v.ecog!);
  lab(300, C.antibodyScreen, v.alloantibodies!);
  lab(90, C.livesAlone, v.lives_alone!);
  lab(90, C.phone, v.phone_access!);
  lab(90, C.caregiver, v.caregiver_available!);
  if (v.heart_failure === 1) out.conditions.push({ person: p, day: asOf - 250, code: C.heartFailure });
  if (v.haemolytic_reaction_history === 1) out.conditions.push({ person: p, day: asOf - 500, code: C.haemolytic });
  for (let k = 0; k < v.reactions_12m!; k++) out.conditions.push({ person: p, day: inWindow(), code: C.reaction });
  const ed = Number.isNaN(v.ed_visits_12m!) ? 0 : v.ed_visits_12m!;
  for (let k = 0; k < ed; k++) {
    out.visits.push({ person: p, day: inWindow(), kind: 'ed', startSec: 20 * 3600, endSec: 23 * 3600 });
  }
}

function birthDay(age: number, asOf: number, rng: Rng): number {
  const a = new Date(asOf * 86_400_000);
  return Date.UTC(a.getUTCFullYear() - age, a.getUTCMonth(), a.getUTCDate()) / 86_400_000 - 1 - randomInt(rng, 300);
}

function valuesOf(table: PatientTable, i: number): { v: Values; cat: Record<string, string> } {
  const v: Values = {};
  const cat: Record<string, string> = {};
  for (const c of table.columns) {
    if (c.kind === 'categorical') cat[c.name] = c.codes[i]! < 0 ? '' : c.levels[c.codes[i]!]!;
    else v[c.name] = c.values[i]!;
  }
  return { v, cat };
}

/**
 * Generate `n` patients' events and their truth. `asOf` is the data's last day.
 * @example
 * const { events, truth } = synthesizeEvents(200, streams(42));
 */
export function synthesizeEvents(n: number, rngs: Streams, asOf = SYNTH_AS_OF): EventCohort {
  const { table, archetypes } = synthesizeCohort(n, rngs);
  const asOfDay = Date.parse(asOf) / 86_400_000;
  const out: Sink = { transfusions: [], results: [], conditions: [], visits: [] };
  const persons: SynthPerson[] = [];
  const fixes: Record<string, Float64Array> = {};
  for (const name of EXACT_IN_EVENTS) fixes[name] = new Float64Array(n);
  const family = rngs.child('events');
  for (let i = 0; i < n; i++) {
    const rng = family.stream(String(i));
    const { v, cat } = valuesOf(table, i);
    const bearing = uniform(rng, 0, 2 * Math.PI);
    const [lat, lon] = destinationPoint(SYNTH_CLINIC.lat, SYNTH_CLINIC.lon, v.distance_km!, bearing);
    const travel = v.travel_min_one_way!;
    const sex = cat.sex === 'M' ? 'M' : 'F';
    const born = birthDay(v.age!, asOfDay, rng);
    persons.push({ index: i, sex, birthDay: born, lat, lon, ...(Number.isNaN(travel) ? {} : { travelMinutes: travel }) });
    const tx = transfusionEvents(i, v, rng, asOfDay, out);
    fixes.interval_days_mean![i] = tx.interval;
    fixes.hb_decline_g_dl_week![i] = tx.decline;
    fixes.charlson_index![i] = charlsonEvents(i, v, cat.diagnosis!, rng, asOfDay, out);
    const estimate = TRAVEL_MIN_FIXED + v.distance_km! * TRAVEL_MIN_PER_KM;
    fixes.travel_min_one_way![i] = Number.isNaN(travel) ? estimate : travel;
    fixes.ed_visits_12m![i] = Number.isNaN(v.ed_visits_12m!) ? 0 : v.ed_visits_12m!;
    otherEvents(i, v, cat.diagnosis!, cat.abo_rh!, rng, asOfDay, out);
  }
  const columns = table.columns.map((c): Column => {
    const exact = fixes[c.name];
    return exact && c.kind !== 'categorical' ? { ...c, values: exact } : c;
  });
  return { events: { persons, ...out, clinic: SYNTH_CLINIC }, truth: { ...table, columns }, archetypes };
}
