/**
 * Register an OMOP CDM source with DuckDB: a folder of CSV or Parquet files (one per table, `person.csv`,
 * `MEASUREMENT.parquet` …) or a DuckDB database file. Each table becomes a raw view `raw_<table>` with
 * lower-case column names. Missing tables and unreadable files are input errors naming the file.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InputIssue } from '../../errors.js';
import { InputError } from '../../errors.js';
import type { StagedTable } from '../../extract/tables.js';
import type { Duck } from './duck.js';
import { sqlString } from './duck.js';

/** Where a staged table came from, for messages: file name and how file rows relate to `_row`. */
export interface TableSource {
  readonly table: string;
  /** Shown in messages: the file, or `DB.duckdb (table x)`. */
  readonly file: string;
  /** Added to `_row` to get the file's row: 1 for CSV (header is row 1), 0 for Parquet and databases. */
  readonly rowOffset: number;
  /** Raw columns present (lower case). Empty and `absent` when an optional table is missing. */
  readonly present: ReadonlySet<string>;
  readonly absent: boolean;
  /** Message label of a staged column (FHIR sources name the resource field). */
  readonly label?: (column: string) => string;
  /** CSV tables are read typed by DuckDB (rows that do not cast go to its rejects table). */
  readonly csv?: { readonly path: string; readonly header: ReadonlyMap<string, string> };
}

const EXTENSIONS = ['.csv', '.csv.gz', '.tsv', '.parquet'];

function duckMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200);
}

/** Create `raw_<name>` over `relation` with lower-case column aliases; returns lower-case → file spelling. */
async function aliasView(duck: Duck, name: string, relation: string, file: string): Promise<Map<string, string>> {
  let cols: unknown[];
  try {
    cols = (await duck.columns(`DESCRIBE SELECT * FROM ${relation}`)).column_name ?? [];
  } catch (e) {
    throw new InputError([{ code: 'unreadable_table', file, message: `table ${name} cannot be read: ${duckMessage(e)}` }]);
  }
  const names = cols.map(String);
  const select = names.map((c) => `"${c.replace(/"/g, '""')}" AS "${c.toLowerCase().replace(/"/g, '""')}"`).join(', ');
  await duck.run(`CREATE OR REPLACE VIEW raw_${name} AS SELECT ${select} FROM ${relation}`);
  return new Map(names.map((c) => [c.toLowerCase(), c]));
}

function findTableFile(dir: string, table: string): string | undefined {
  const files = readdirSync(dir);
  for (const ext of EXTENSIONS) {
    const hit = files.find((f) => f.toLowerCase() === `${table}${ext}`);
    if (hit) return join(dir, hit);
  }
  return undefined;
}

async function registerDatabase(duck: Duck, path: string, tables: readonly StagedTable[]): Promise<TableSource[]> {
  try {
    await duck.run(`ATTACH ${sqlString(path)} AS omop_src (READ_ONLY)`);
  } catch (e) {
    throw new InputError([{ code: 'unreadable', file: path, message: `not a readable DuckDB database: ${duckMessage(e)}` }]);
  }
  const have = (await duck.columns(`SELECT table_name FROM information_schema.tables WHERE table_catalog = 'omop_src'`)).table_name ?? [];
  const byLower = new Map(have.map((t) => [String(t).toLowerCase(), String(t)]));
  const out: TableSource[] = [];
  for (const t of tables) {
    const real = byLower.get(t.name);
    const file = `${path} (table ${t.name})`;
    if (!real) {
      out.push({ table: t.name, file, rowOffset: 0, present: new Set(), absent: true });
      continue;
    }
    const header = await aliasView(duck, t.name, `omop_src."${real}"`, file);
    out.push({ table: t.name, file, rowOffset: 0, present: new Set(header.keys()), absent: false });
  }
  return out;
}

/**
 * Register every table of `tables` from `path` (folder or .duckdb file). Throws {@link InputError} for a
 * missing path or required table (all missing tables listed at once). Cost: reads file headers only.
 */
export async function registerOmop(duck: Duck, path: string, tables: readonly StagedTable[]): Promise<TableSource[]> {
  if (!existsSync(path)) throw new InputError([{ code: 'not_found', file: path, message: 'OMOP source not found' }]);
  let sources: TableSource[];
  if (!statSync(path).isDirectory()) sources = await registerDatabase(duck, path, tables);
  else {
    sources = [];
    for (const t of tables) {
      const file = findTableFile(path, t.name);
      if (!file) {
        sources.push({ table: t.name, file: join(path, `${t.name}.csv`), rowOffset: 0, present: new Set(), absent: true });
        continue;
      }
      const parquet = file.toLowerCase().endsWith('.parquet');
      const relation = parquet ? `read_parquet(${sqlString(file)})` : `read_csv(${sqlString(file)}, header = true, all_varchar = true)`;
      const header = await aliasView(duck, t.name, relation, file);
      sources.push({ table: t.name, file, rowOffset: parquet ? 0 : 1, present: new Set(header.keys()), absent: false, ...(parquet ? {} : { csv: { path: file, header } }) });
    }
  }
  const issues: InputIssue[] = sources
    .filter((s) => s.absent && tables.find((t) => t.name === s.table)!.required)
    .map((s) => ({ code: 'missing_table', file: s.file, message: `required OMOP table ${s.table} not found (.csv, .tsv, .parquet or a table in a .duckdb file)` }));
  if (issues.length) throw new InputError(issues);
  return sources;
}
