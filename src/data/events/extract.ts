/**
 * `extract` end to end, the I/O half: open DuckDB, register the OMOP or FHIR source, stage and check it, run
 * src/extract/sql/01–07 and read the per-person aggregates and per-episode rows back as plain records. The
 * pure half (src/extract/cohort.ts) turns them into the cohort table.
 */
import { streams } from '../../random/index.js';
import { DIAGNOSES } from '../schema.js';
import type { CharlsonGroup, ConceptFile } from '../../extract/concepts.js';
import { CHARLSON_GROUPS } from '../../extract/concepts.js';
import type { ExtractedCohort } from '../../extract/cohort.js';
import { buildCohort } from '../../extract/cohort.js';
import type { Episode } from '../../extract/episodes.js';
import type { PatientAggregates } from '../../extract/features.js';
import { fillSql, sqlParams } from '../../extract/sqlParams.js';
import { OMOP_TABLES } from '../../extract/tables.js';
import type { ExtractWindows } from '../../extract/windows.js';
import { EXTRACT_WINDOWS } from '../../extract/windows.js';
import type { Duck } from './duck.js';
import { numOrNull, openDuck, readSql, sqlString } from './duck.js';
import { registerFhir } from './fhirSource.js';
import { registerOmop } from './omopSource.js';
import { checkStaged, stageTables } from './stage.js';

export interface ExtractOptions {
  readonly concepts: ConceptFile;
  /** YYYY-MM-DD; default: the latest procedure or measurement date in the data. */
  readonly asOf?: string;
  readonly windows?: ExtractWindows;
  /** Replace ids by keyed pseudonyms. */
  readonly pseudonymKey?: string;
  /** Shift each person's dates by a seeded offset in [−maxDays, maxDays]. */
  readonly shiftDates?: { readonly seed: number; readonly maxDays: number };
  readonly threads?: number;
  /** Progress: one line per phase with its wall time (never ids). */
  readonly log?: (message: string) => void;
}

export interface ExtractRun extends ExtractedCohort {
  readonly asOf: string;
  readonly persons: number;
}

const SQL_FILES = ['01_window.sql', '02_transfusions.sql', '03_haemoglobin.sql', '04_values.sql', '05_conditions.sql', '06_visits.sql', '07_patient.sql'];

async function defaultAsOf(duck: Duck): Promise<string> {
  const r = await duck.columns(`SELECT CAST(greatest((SELECT max(procedure_date) FROM procedure_occurrence), (SELECT max(measurement_date) FROM measurement)) AS VARCHAR) AS d`);
  return String(r.d?.[0] ?? '1970-01-01');
}

/** Per-person date offsets from seeded streams (one stream per person id: adding persons shifts no one else). */
async function makeShift(duck: Duck, shift: ExtractOptions['shiftDates']): Promise<void> {
  await duck.run('CREATE OR REPLACE TABLE shift (person_id VARCHAR, days INTEGER)');
  if (!shift || shift.maxDays === 0) return;
  const ids = (await duck.columns('SELECT person_id FROM person')).person_id ?? [];
  const family = streams(shift.seed).child('extract/shift-dates');
  const width = 2 * shift.maxDays + 1;
  for (let i = 0; i < ids.length; i += 5000) {
    const values = ids.slice(i, i + 5000).map((id) => `(${sqlString(String(id))}, ${Math.floor(family.stream(String(id)).next() * width) - shift.maxDays})`);
    await duck.run(`INSERT INTO shift VALUES ${values.join(', ')}`);
  }
}

function aggregatesOf(c: Record<string, unknown[]>, i: number): PatientAggregates {
  const n = (k: string) => numOrNull(c[k]![i]);
  const s = (k: string) => (c[k]![i] === null ? null : String(c[k]![i]));
  const b = (k: string) => c[k]![i] === true;
  const groups = new Set<CharlsonGroup>(CHARLSON_GROUPS.filter((g) => c[`ch_${g}`]![i] === true));
  return {
    personId: String(c.person_id![i]), genderConceptId: n('gender_concept_id'), genderSource: s('gender_source_value'),
    birthDay: n('birth_day')!, asOfDay: n('as_of_day')!, firstDay: n('first_day'),
    personLat: n('person_lat'), personLon: n('person_lon'), siteLat: n('site_lat'), siteLon: n('site_lon'), travelMinutes: n('travel_minutes'),
    weightKg: n('weight_kg'), ferritin: n('ferritin'), ecog: n('ecog'), aboRh: s('abo_rh'),
    livesAlone: n('lives_alone'), caregiver: n('caregiver'), phoneAccess: n('phone_access'),
    alloantibodies: b('alloantibodies'), haemolytic: b('haemolytic'), heartFailure: b('heart_failure'),
    reactions12m: n('reactions_12m') ?? 0, edVisits12m: n('ed_visits_12m') ?? 0,
    clinicHours: n('clinic_hours'), clinicVisits: n('clinic_visits') ?? 0, timedVisits: n('timed_visits') ?? 0,
    diagnosisCounts: Object.fromEntries(DIAGNOSES.map((d) => [d, n(`dx_${d}`) ?? 0])),
    charlsonGroups: groups,
  };
}

async function readEpisodes(duck: Duck): Promise<Map<string, Episode[]>> {
  const day = (col: string) => `CAST(${col} - DATE '1970-01-01' AS INTEGER) AS ${col}`;
  const c = await duck.columns(`SELECT person_id, ${day('start_day')}, ${day('end_day')}, CAST(units AS DOUBLE) AS units, ${day('pre_day')}, pre_hb, ${day('post_day')}, post_hb FROM episode_hb ORDER BY person_id, start_day`);
  const out = new Map<string, Episode[]>();
  const nan = (v: unknown) => numOrNull(v) ?? Number.NaN;
  const ids = c.person_id ?? [];
  for (let i = 0; i < ids.length; i++) {
    const id = String(ids[i]);
    let list = out.get(id);
    if (!list) out.set(id, (list = []));
    list.push({ startDay: nan(c.start_day![i]), endDay: nan(c.end_day![i]), units: nan(c.units![i]), preDay: nan(c.pre_day![i]), preHb: nan(c.pre_hb![i]), postDay: nan(c.post_day![i]), postHb: nan(c.post_hb![i]) });
  }
  return out;
}

/**
 * Extract the cohort from an OMOP folder / .duckdb file, or a FHIR bulk-export folder. Throws InputError for
 * bad input (nothing is written here at all). Cost: a few scans of each table inside DuckDB, O(persons +
 * episodes) in JavaScript.
 */
export async function extractCohort(kind: 'omop' | 'fhir', path: string, options: ExtractOptions): Promise<ExtractRun> {
  const duck = await openDuck(options.threads === undefined ? {} : { threads: options.threads });
  let t0 = performance.now();
  let cpu0 = process.cpuUsage();
  const phase = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const out = await f();
    const cpu = process.cpuUsage(cpu0);
    options.log?.(`extract: ${name} ${((performance.now() - t0) / 1000).toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`);
    t0 = performance.now();
    cpu0 = process.cpuUsage();
    return out;
  };
  try {
    const sources = await phase('open', () => (kind === 'omop' ? registerOmop(duck, path, OMOP_TABLES) : registerFhir(duck, path, OMOP_TABLES)));
    await phase('read and type tables', () => stageTables(duck, OMOP_TABLES, sources));
    await phase('check', () => checkStaged(duck, OMOP_TABLES, sources));
    const asOf = options.asOf ?? (await defaultAsOf(duck));
    await makeShift(duck, options.shiftDates);
    const windows = options.windows ?? EXTRACT_WINDOWS;
    const params = sqlParams(options.concepts, windows, asOf);
    for (const f of SQL_FILES) await phase(f, () => duck.run(fillSql(readSql(f), params)));
    const cols = await phase('read patients', () => duck.columns('SELECT * FROM patient'));
    const episodes = await phase('read episodes', () => readEpisodes(duck));
    const n = cols.person_id?.length ?? 0;
    const persons = Array.from({ length: n }, (_, i) => aggregatesOf(cols, i));
    const cohort = await phase('features', async () => buildCohort(persons, (i) => episodes.get(persons[i]!.personId) ?? [], windows, options.pseudonymKey));
    return { ...cohort, asOf, persons: n };
  } finally {
    duck.close();
  }
}
