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
export function routeLegs(routing: RoutingSettings, table: PatientTable, resolve: (path: string) => string, ids: MatrixIds): LegSource | undefined {
  if (routing.coordinates !== 'none') {
    const names = COORDINATE_COLUMNS[routing.coordinates];
    const cols = names.map((name) => findColumn(table, name));
    const missing = names.filter((_, k) => { const c = cols[k]; return !c || c.kind === 'categorical'; });
    if (missing.length) {
      throw new InputError([{ code: 'missing_column', path: 'routing.coordinates', value: routing.coordinates, message: `needs numeric cohort column(s) ${missing.join(', ')}` }]);
    }
    const [a, b] = cols.map((c) => (c && c.kind !== 'categorical' ? c.values : new Float64Array(0)));
    return { kind: routing.coordinates, a: a!, b: b!, fixedMin: routing.leg_fixed_min, minPerKm: routing.leg_min_per_km };
  }
  if (routing.travel_matrix === null) return undefined;
  const file = resolve(routing.travel_matrix);
  return travelMatrix(readTextFile(file, 'travel matrix'), file, table.ids, ids);
}

/** Parse the CSV text; a repeated header id is named by its position, not its text (an id). */
function parseMatrixCsv(text: string, file: string): CsvText {
  try {
    return parseCsvText(text, file);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new InputError(e.issues.map((x) => (x.code === 'duplicate_header' ? { ...x, column: undefined, message: 'a patient id appears twice in the header' } : x)));
  }
}

/**
 * Check a travel matrix's text against the cohort's ids and return it as legs (cohort order). Pure but for
 * the pseudonym hash. O(n²).
 * @example travelMatrix('id,a,b\na,0,5\nb,5,0\n', 'm.csv', ['a', 'b'], {}).minutes; // [0, 5, 5, 0]
 */
export function travelMatrix(text: string, file: string, cohortIds: readonly string[], ids: MatrixIds): LegSource {
  const csv = parseMatrixCsv(text, file);
  const rename = (list: readonly string[]): string[] => (ids.pseudonymKey === undefined ? [...list] : pseudonymize(list, ids.pseudonymKey));
  const n = cohortIds.length;
  const index = new Map(cohortIds.map((id, i) => [id, i]));
  const issues: InputIssue[] = [];
  const add = (issue: Omit<InputIssue, 'file'>): void => { if (issues.length < MAX_MATRIX_ISSUES) issues.push({ file, ...issue }); };
  const headerIds = rename(csv.header.slice(1));
  const colOf = headerIds.map((id) => index.get(id) ?? -1);
  colOf.forEach((c, k) => { if (c < 0) add({ code: 'unknown_id', row: 1, column: `${k + 2}`, message: 'header id is not a patient of the cohort (extra id)' }); });
  const inHeader = new Set(colOf);
  const absentCols = cohortIds.filter((_, i) => !inHeader.has(i)).length;
  if (absentCols) add({ code: 'missing_id', row: 1, message: `${absentCols} cohort patient(s) missing from the header` });
  if (csv.records.length !== headerIds.length) add({ code: 'not_square', message: `matrix is not square: ${csv.records.length} rows for ${headerIds.length} columns` });
  const rowIds = rename(csv.records.map((r) => r[0] ?? ''));
  const minutes = new Float32Array(n * n).fill(Number.NaN);
  const seenRows = new Set<number>();
  csv.records.forEach((r, k) => {
    const row = k + 2, i = index.get(rowIds[k]!);
    if (i === undefined) { add({ code: 'unknown_id', row, column: '1', message: 'row id is not a patient of the cohort (extra id)' }); return; }
    if (seenRows.has(i)) { add({ code: 'duplicate_id', row, column: '1', message: 'a patient has two rows' }); return; }
    seenRows.add(i);
    for (let c = 1; c < r.length; c++) {
      const j = colOf[c - 1]!;
      if (j < 0 || j === i) continue;
      const cell = r[c]!, v = cell === '' ? Number.NaN : Number(cell);
      if (!Number.isFinite(v)) add({ code: 'non_numeric', row, column: `${c + 1}`, message: cell === '' ? 'minutes missing' : 'minutes must be a number' });
      else if (v < 0) add({ code: 'out_of_range', row, column: `${c + 1}`, value: v, message: 'minutes must not be negative' });
      else minutes[i * n + j] = v;
    }
  });
  const absentRows = n - seenRows.size;
  if (absentRows > 0 && csv.records.length === headerIds.length) add({ code: 'missing_id', message: `${absentRows} cohort patient(s) have no row` });
  if (issues.length) throw new InputError(issues);
  return { kind: 'matrix', n, minutes };
}
