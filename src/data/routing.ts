/**
 * The scenario's `routing` → the legs between patients' homes (src/service/legs.ts): coordinates from cohort
 * columns, or a travel matrix read from a CSV file and checked against the cohort. Bad input → an
 * {@link InputError} naming the file and row/column (or the YAML path); patient ids are never echoed — rows and
 * columns are named by position.
 *
 * Matrix file: first line the id column's name, then every cohort id once; then one row per cohort id: the id,
 * then non-negative minutes one way to each patient in header order (the diagonal is not read).
 *
 * Cost: O(n²) for a matrix, O(n) for coordinates.
 */
import { InputError } from '../errors.js';
import type { InputIssue } from '../errors.js';
import type { RoutingSettings } from '../scenario/sections/routing.js';
import type { LegSource } from '../service/legs.js';
import { parseCsvText } from './csv.js';
import type { CsvText } from './csv.js';
import { pseudonymize } from './pseudonymize.js';
import { readTextFile } from './read.js';
import { findColumn } from './table.js';
import type { PatientTable } from './table.js';

/** Most problems listed from one matrix before stopping (the printer lists 20). */
const MAX_MATRIX_ISSUES = 50;

const COORDINATE_COLUMNS = { xy_km: ['x_km', 'y_km'], lat_lon: ['lat', 'lon'] } as const;

/** How matrix ids relate to the cohort's: the cohort's ids may be pseudonyms of the file's. */
export interface MatrixIds {
  /** Key that turned the cohort's ids into pseudonyms (report.pseudonym_key or its default), or undefined. */
  readonly pseudonymKey?: string;
}

/**
 * Legs of the cohort under `routing`, or undefined when it gives neither coordinates nor a matrix.
 * @example routeLegs(scenario.routing, cohort.table, (p) => scenarioPath(loaded, p), {});
 */
export function routeLegs(
  routing: RoutingSettings, table: PatientTable, resolve: (path: string) => string, ids: MatrixIds, cohortFile?: string,
): LegSource | undefined {
  if (routing.coordinates !== 'none') return coordinateLegs(routing, table, cohortFile);
  if (routing.travel_matrix === null) return undefined;
  const file = resolve(routing.travel_matrix);
  return travelMatrix(readTextFile(file, 'travel matrix'), file, table.ids, ids);
}

/** Coordinates from the cohort's columns, or an {@link InputError} at `routing.coordinates` naming the missing ones. */
/** Plausible coordinates: degrees of latitude and longitude, or planar km within an Earth's circumference. */
const COORDINATE_RANGES = { xy_km: [[-40_075, 40_075], [-40_075, 40_075]], lat_lon: [[-90, 90], [-180, 180]] } as const;

function coordinateLegs(routing: RoutingSettings, table: PatientTable, cohortFile?: string): LegSource {
  const kind = routing.coordinates === 'lat_lon' ? 'lat_lon' : 'xy_km';
  const names = COORDINATE_COLUMNS[kind];
  const values = names.map((name) => {
    const c = findColumn(table, name);
    return c && c.kind !== 'categorical' ? c.values : undefined;
  });
  const missing = names.filter((_, k) => !values[k]);
  const [a, b] = values;
  if (!a || !b) {
    const message = `needs numeric cohort column(s) ${missing.join(', ')}`;
    const path = 'routing.coordinates';
    throw new InputError([{ code: 'missing_column', path, value: routing.coordinates, message }]);
  }
  // a missing coordinate (NaN) leaves the patient unchained; one outside the range is an error (row, column named)
  const issues: InputIssue[] = [];
  [a, b].forEach((v, k) => {
    const [lo, hi] = COORDINATE_RANGES[kind][k]!;
    for (let i = 0; i < v.length && issues.length < MAX_MATRIX_ISSUES; i++) {
      const x = v[i]!;
      if (Number.isNaN(x) || (x >= lo && x <= hi)) continue;
      issues.push({ code: 'out_of_range', ...(cohortFile ? { file: cohortFile } : {}), row: i + 2, column: names[k]!, message: `is outside [${lo}, ${hi}] (routing.coordinates: ${routing.coordinates})` });
    }
  });
  if (issues.length) throw new InputError(issues);
  return { kind, a, b, fixedMin: routing.leg_fixed_min, minPerKm: routing.leg_min_per_km };
}

/** Parse the CSV text; a repeated header id is named by its position, not its text (an id). */
function parseMatrixCsv(text: string, file: string): CsvText {
  try {
    return parseCsvText(text, file);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const message = 'a patient id appears twice in the header';
    const renamed = e.issues.map((x) => (x.code === 'duplicate_header' ? { ...x, column: undefined, message } : x));
    throw new InputError(renamed);
  }
}

type AddIssue = (issue: Omit<InputIssue, 'file'>) => void;

const NOT_A_PATIENT = 'is not a patient of the cohort (extra id)';

/** Cohort index of each header column (−1: not a patient), with the extra and missing ids reported. O(n). */
function headerColumns(
  headerIds: readonly string[], index: ReadonlyMap<string, number>, n: number, add: AddIssue,
): number[] {
  const colOf = headerIds.map((id) => index.get(id) ?? -1);
  colOf.forEach((c, k) => {
    if (c < 0) add({ code: 'unknown_id', row: 1, column: `${k + 2}`, message: `header id ${NOT_A_PATIENT}` });
  });
  const inHeader = new Set(colOf);
  let absent = 0;
  for (let i = 0; i < n; i++) if (!inHeader.has(i)) absent++;
  if (absent) add({ code: 'missing_id', row: 1, message: `${absent} cohort patient(s) missing from the header` });
  return colOf;
}

/** One matrix row's minutes into `minutes` (row i of the cohort), reporting bad cells by position. O(n). */
function readRow(
  r: readonly string[], row: number, i: number, colOf: readonly number[], minutes: Float32Array, n: number,
  add: AddIssue,
): void {
  for (let c = 1; c < r.length; c++) {
    const j = colOf[c - 1]!;
    if (j < 0 || j === i) continue;
    const cell = r[c]!, v = cell === '' ? Number.NaN : Number(cell), column = `${c + 1}`;
    if (!Number.isFinite(v)) {
      add({ code: 'non_numeric', row, column, message: cell === '' ? 'minutes missing' : 'minutes must be a number' });
    }
    else if (v < 0) add({ code: 'out_of_range', row, column, value: v, message: 'minutes must not be negative' });
    else minutes[i * n + j] = v;
  }
}

/**
 * Check a travel matrix's text against the cohort's ids and return it as legs (cohort order). Pure but for
 * the pseudonym hash. O(n²).
 * @example travelMatrix('id,a,b\na,0,5\nb,5,0\n', 'm.csv', ['a', 'b'], {}).minutes; // [NaN, 5, 5, NaN]
 */
export function travelMatrix(text: string, file: string, cohortIds: readonly string[], ids: MatrixIds): LegSource {
  const csv = parseMatrixCsv(text, file);
  const key = ids.pseudonymKey;
  const rename = (list: readonly string[]): string[] => (key === undefined ? [...list] : pseudonymize(list, key));
  const n = cohortIds.length;
  const index = new Map(cohortIds.map((id, i) => [id, i]));
  const issues: InputIssue[] = [];
  const add: AddIssue = (issue) => { if (issues.length < MAX_MATRIX_ISSUES) issues.push({ file, ...issue }); };
  const headerIds = rename(csv.header.slice(1));
  const colOf = headerColumns(headerIds, index, n, add);
  const square = csv.records.length === headerIds.length;
  const shape = `${csv.records.length} rows for ${headerIds.length} columns`;
  if (!square) add({ code: 'not_square', message: `matrix is not square: ${shape}` });
  const rowIds = rename(csv.records.map((r) => r[0] ?? ''));
  const minutes = new Float32Array(n * n).fill(Number.NaN);
  const seenRows = new Set<number>();
  csv.records.forEach((r, k) => {
    const row = k + 2, i = index.get(rowIds[k]!);
    if (i === undefined) add({ code: 'unknown_id', row, column: '1', message: `row id ${NOT_A_PATIENT}` });
    else if (seenRows.has(i)) add({ code: 'duplicate_id', row, column: '1', message: 'a patient has two rows' });
    else { seenRows.add(i); readRow(r, row, i, colOf, minutes, n, add); }
  });
  const absentRows = n - seenRows.size;
  if (absentRows > 0 && square) add({ code: 'missing_id', message: `${absentRows} cohort patient(s) have no row` });
  if (issues.length) throw new InputError(issues);
  return { kind: 'matrix', n, minutes };
}
