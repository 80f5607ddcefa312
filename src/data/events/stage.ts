/**
 * Typed staging of the registered tables and the input checks on them: missing required columns, values that
 * are not of the column's type, empty required values, duplicate persons, events of persons not in `person`,
 * events dated before birth. Every message names the file, row and column, never a person.
 *
 * Staging reads in parallel without row numbers; only when a check finds a problem is the table read again
 * with row numbers (`<table>__rows`) to name the rows. CSV files are typed by DuckDB's reader, whose rejects
 * table gives the line and column of a value that does not cast.
 */
import type { InputIssue } from '../../errors.js';
import { InputError } from '../../errors.js';
import type { StagedTable } from '../../extract/tables.js';
import { castingSelect, csvTypes, typedSelect } from '../../extract/tables.js';
import type { Duck } from './duck.js';
import { sqlString } from './duck.js';
import type { TableSource } from './omopSource.js';

/** Issues listed per check and table (the first rows in file order). */
const ROWS_PER_CHECK = 3;

const TYPE_WORD: Record<string, string> = { integer: 'an integer', double: 'a number', date: 'a date (YYYY-MM-DD)', timestamp: 'a date-time' };

/** The SELECT that stages `t` from its source (no row numbers). */
function stagingSelect(t: StagedTable, s: TableSource, rejects = 'rejects'): string {
  if (s.absent) return `SELECT ${castingSelect(t, new Set())} FROM (SELECT 1 WHERE FALSE)`;
  if (s.csv) {
    const read = `read_csv(${sqlString(s.csv.path)}, header = true, types = ${csvTypes(t, s.csv.header)}, store_rejects = true, rejects_table = '${rejects}_${t.name}', rejects_scan = '${rejects}_scan_${t.name}')`;
    return `SELECT ${typedSelect(t, s.csv.header)} FROM ${read}`;
  }
  return `SELECT ${castingSelect(t, s.present)} FROM raw_${t.name}`;
}

function where(s: TableSource, row: unknown, column: string): Pick<InputIssue, 'file' | 'row' | 'column'> {
  return { file: s.file, row: Number(row) + s.rowOffset, column: s.label ? s.label(column) : column };
}

/** Stage every table (absent optional tables become empty typed tables). Throws for missing required columns. */
export async function stageTables(duck: Duck, tables: readonly StagedTable[], sources: readonly TableSource[]): Promise<void> {
  const issues: InputIssue[] = [];
  for (const t of tables) {
    const s = sources.find((x) => x.table === t.name)!;
    for (const c of t.columns) {
      if (!s.absent && c.required && !s.present.has(c.name)) {
        issues.push({ code: 'missing_column', file: s.file, ...(s.rowOffset ? { row: 1 } : {}), column: s.label ? s.label(c.name) : c.name, message: `required column of table ${t.name} is missing` });
      }
    }
  }
  if (issues.length) throw new InputError(issues);
  for (const t of tables) await duck.run(`CREATE OR REPLACE TABLE ${t.name} AS ${stagingSelect(t, sources.find((x) => x.table === t.name)!)}`);
}

async function exists(duck: Duck, sql: string): Promise<boolean> {
  return ((await duck.columns(`SELECT EXISTS (${sql}) AS hit`)).hit ?? [])[0] === true;
}

async function firstRows(duck: Duck, sql: string): Promise<unknown[][]> {
  const cols = await duck.columns(`${sql} ORDER BY 1 LIMIT ${ROWS_PER_CHECK}`);
  const keys = Object.keys(cols);
  const n = cols[keys[0]!]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => keys.map((k) => cols[k]![i]));
}

/** `<table>__rows`: the table staged again with its 1-based row number in file order (error path only). */
async function withRows(duck: Duck, t: StagedTable, s: TableSource): Promise<string> {
  await duck.run(`CREATE OR REPLACE TABLE ${t.name}__rows AS SELECT row_number() OVER () AS _row, * FROM (${stagingSelect(t, s, 'rejects_again')})`);
  return `${t.name}__rows`;
}

async function typeIssues(duck: Duck, t: StagedTable, s: TableSource): Promise<InputIssue[]> {
  const out: InputIssue[] = [];
  if (s.csv) {
    const rejects = await firstRows(duck, `SELECT line, column_name FROM rejects_${t.name}`);
    for (const [line, col] of rejects) {
      const spec = t.columns.find((c) => c.name === String(col).toLowerCase());
      const message = `table ${t.name}: value is not ${spec ? TYPE_WORD[spec.type] ?? spec.type : 'readable'}`;
      out.push({ code: 'wrong_type', file: s.file, row: Number(line), column: spec?.name ?? String(col), message });
    }
    if (out.length) return out;
  }
  if (!(await exists(duck, `SELECT 1 FROM ${t.name} WHERE _bad IS NOT NULL`))) return out;
  const rows = await withRows(duck, t, s);
  for (const [row, bad] of await firstRows(duck, `SELECT _row, _bad FROM ${rows} WHERE _bad IS NOT NULL`)) {
    const col = String(bad);
    const spec = t.columns.find((c) => c.name === col.replace(/^!/, ''))!;
    const message = col.startsWith('!') ? `table ${t.name}: required value is empty` : `table ${t.name}: value is not ${TYPE_WORD[spec.type] ?? spec.type}`;
    out.push({ code: col.startsWith('!') ? 'missing_value' : 'wrong_type', ...where(s, row, spec.name), message });
  }
  return out;
}

/** Run every check on the staged tables; throws one {@link InputError} with all problems found. */
export async function checkStaged(duck: Duck, tables: readonly StagedTable[], sources: readonly TableSource[]): Promise<void> {
  const src = (name: string) => sources.find((x) => x.table === name)!;
  const issues: InputIssue[] = [];
  for (const t of tables) issues.push(...(await typeIssues(duck, t, src(t.name))));
  if (issues.length) throw new InputError(issues);
  const person = tables.find((t) => t.name === 'person')!;
  const dup = `SELECT person_id FROM person GROUP BY person_id HAVING count(*) > 1`;
  if (await exists(duck, dup)) {
    const rows = await withRows(duck, person, src('person'));
    const located = `SELECT _row FROM (SELECT _row, row_number() OVER (PARTITION BY person_id ORDER BY _row) AS k FROM ${rows}) WHERE k > 1`;
    for (const [row] of await firstRows(duck, located)) issues.push({ code: 'duplicate_person', ...where(src('person'), row, 'person_id'), message: 'table person: the same person appears on an earlier row' });
  }
  const birth = `coalesce(CAST(birth_datetime AS DATE), make_date(CAST(year_of_birth AS INTEGER), CAST(coalesce(month_of_birth, 1) AS INTEGER), CAST(coalesce(day_of_birth, 1) AS INTEGER)))`;
  await duck.run(`CREATE OR REPLACE TEMP TABLE birth AS SELECT person_id, ${birth} AS birth_date FROM person`);
  for (const t of tables) {
    if (!t.personColumn) continue;
    const orphan = (x: string) => `SELECT e.* FROM ${x} e ANTI JOIN person p ON p.person_id = e.${t.personColumn}`;
    const early = (x: string) => `SELECT e.* FROM ${x} e JOIN birth b ON b.person_id = e.${t.personColumn} WHERE e.${t.eventDate} < b.birth_date`;
    const hasOrphan = await exists(duck, orphan(t.name));
    const hasEarly = t.eventDate !== undefined && (await exists(duck, early(t.name)));
    if (!hasOrphan && !hasEarly) continue;
    const rows = await withRows(duck, t, src(t.name));
    if (hasOrphan) for (const [row] of await firstRows(duck, `SELECT _row FROM (${orphan(rows)})`)) issues.push({ code: 'unknown_person', ...where(src(t.name), row, t.personColumn), message: `table ${t.name}: person not in table person` });
    if (hasEarly) for (const [row] of await firstRows(duck, `SELECT _row FROM (${early(rows)})`)) issues.push({ code: 'before_birth', ...where(src(t.name), row, t.eventDate!), message: `table ${t.name}: date is before the person's birth` });
  }
  if (issues.length) throw new InputError(issues);
}
