/**
 * Typed staging of the registered tables and the input checks on them: missing required columns, values that
 * are not of the column's type, empty required values, duplicate persons, events of persons not in `person`,
 * events dated before birth. Every message names the file, row and column, never a person.
 */
import type { InputIssue } from '../../errors.js';
import { InputError } from '../../errors.js';
import type { StagedTable } from '../../extract/tables.js';
import { stagingSql } from '../../extract/tables.js';
import type { Duck } from './duck.js';
import type { TableSource } from './omopSource.js';

/** Issues listed per check and table (the first rows in file order). */
const ROWS_PER_CHECK = 3;

const TYPE_WORD: Record<string, string> = { integer: 'an integer', double: 'a number', date: 'a date (YYYY-MM-DD)', timestamp: 'a date-time' };

function where(s: TableSource, row: unknown, column: string): Pick<InputIssue, 'file' | 'row' | 'column'> {
  return { file: s.file, row: Number(row) + s.rowOffset, column: s.label ? s.label(column) : column };
}

/** Stage every table (absent optional tables become empty typed tables). Throws for missing required columns. */
export async function stageTables(duck: Duck, tables: readonly StagedTable[], sources: readonly TableSource[]): Promise<void> {
  const issues: InputIssue[] = [];
  for (const t of tables) {
    const s = sources.find((x) => x.table === t.name)!;
    if (s.absent) continue;
    for (const c of t.columns) {
      if (c.required && !s.present.has(c.name)) {
        issues.push({ code: 'missing_column', file: s.file, ...(s.rowOffset ? { row: 1 } : {}), column: s.label ? s.label(c.name) : c.name, message: `required column of table ${t.name} is missing` });
      }
    }
  }
  if (issues.length) throw new InputError(issues);
  for (const t of tables) {
    const s = sources.find((x) => x.table === t.name)!;
    if (s.absent) await duck.run(`CREATE OR REPLACE VIEW raw_${t.name} AS SELECT 1 AS _none WHERE FALSE`);
    await duck.run(stagingSql(t, `raw_${t.name}`, s.present));
  }
}

async function firstRows(duck: Duck, sql: string): Promise<unknown[][]> {
  const cols = await duck.columns(`${sql} ORDER BY 1 LIMIT ${ROWS_PER_CHECK}`);
  const keys = Object.keys(cols);
  const n = cols[keys[0]!]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => keys.map((k) => cols[k]![i]));
}

/** Run every check on the staged tables; throws one {@link InputError} with all problems found. */
export async function checkStaged(duck: Duck, tables: readonly StagedTable[], sources: readonly TableSource[]): Promise<void> {
  const issues: InputIssue[] = [];
  const src = (name: string) => sources.find((x) => x.table === name)!;
  for (const t of tables) {
    for (const [row, bad] of await firstRows(duck, `SELECT _row, _bad FROM ${t.name} WHERE _bad IS NOT NULL`)) {
      const col = String(bad);
      const spec = t.columns.find((c) => c.name === col.replace(/^!/, ''))!;
      const message = col.startsWith('!') ? `table ${t.name}: required value is empty` : `table ${t.name}: value is not ${TYPE_WORD[spec.type] ?? spec.type}`;
      issues.push({ code: col.startsWith('!') ? 'missing_value' : 'wrong_type', ...where(src(t.name), row, spec.name), message });
    }
  }
  if (issues.length) throw new InputError(issues);
  const dup = `SELECT _row FROM (SELECT _row, row_number() OVER (PARTITION BY person_id ORDER BY _row) AS k FROM person) WHERE k > 1`;
  for (const [row] of await firstRows(duck, dup)) issues.push({ code: 'duplicate_person', ...where(src('person'), row, 'person_id'), message: 'table person: the same person appears on an earlier row' });
  const birth = `coalesce(CAST(birth_datetime AS DATE), make_date(CAST(year_of_birth AS INTEGER), CAST(coalesce(month_of_birth, 1) AS INTEGER), CAST(coalesce(day_of_birth, 1) AS INTEGER)))`;
  await duck.run(`CREATE OR REPLACE TEMP TABLE birth AS SELECT person_id, ${birth} AS birth_date FROM person`);
  for (const t of tables) {
    if (!t.personColumn) continue;
    const orphans = `SELECT e._row FROM ${t.name} e ANTI JOIN person p ON p.person_id = e.${t.personColumn}`;
    for (const [row] of await firstRows(duck, orphans)) issues.push({ code: 'unknown_person', ...where(src(t.name), row, t.personColumn), message: `table ${t.name}: person not in table person` });
    if (!t.eventDate) continue;
    const early = `SELECT e._row FROM ${t.name} e JOIN birth b ON b.person_id = e.${t.personColumn} WHERE e.${t.eventDate} < b.birth_date`;
    for (const [row] of await firstRows(duck, early)) issues.push({ code: 'before_birth', ...where(src(t.name), row, t.eventDate), message: `table ${t.name}: date is before the person's birth` });
  }
  if (issues.length) throw new InputError(issues);
}
