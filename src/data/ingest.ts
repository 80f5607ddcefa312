/**
 * Typed ingestion: CSV text + optional schema → {@link PatientTable}, with every bad cell reported.
 * No I/O here: {@link readTableFile} in `read.ts` does the reading.
 */
import type { InputIssue } from '../errors.js';
import { InputError } from '../errors.js';
import { median } from '../stats/index.js';
import { parseCsvText } from './csv.js';
import type { ColumnSpec, TableSchema } from './schema.js';
import { ABO_RH } from './schema.js';
import type { Column, PatientTable } from './table.js';
import { dict } from './dict.js';

export type MissingPolicy = 'impute' | 'drop' | 'keep';

export interface IngestOptions {
  /** File name for messages. */
  readonly file: string;
  /** Typed schema; when absent, types are inferred from the values. */
  readonly schema?: TableSchema;
  /** Id column; defaults to the schema's id or `patient_id`. */
  readonly idColumn?: string;
  /** impute: median (numeric) or mode (binary/categorical); drop: rows with any missing; keep: leave NaN/-1. */
  readonly missing?: MissingPolicy;
}

export interface IngestReport {
  readonly rowsRead: number;
  readonly rowsDropped: number;
  /** Missing cells per column (before imputation). */
  readonly missingByColumn: Readonly<Record<string, number>>;
  readonly imputedByColumn: Readonly<Record<string, number>>;
  readonly inferredTypes: Readonly<Record<string, Column['kind']>>;
}

const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'null', 'none', '.', '?']);
/** Not numbers, though a parser would accept them: an error in a numeric column, never a value or a gap. */
const NON_FINITE = /^[-+]?(inf|infinity|nan)$/i;
const TRUE_TOKENS = new Set(['1', 'yes', 'y', 'true', 't']);
const FALSE_TOKENS = new Set(['0', 'no', 'n', 'false', 'f']);

/** True for the tokens read as a missing value (case-insensitive). */
export function isMissingToken(s: string): boolean {
  return MISSING_TOKENS.has(s.trim().toLowerCase());
}

/** Parse a number; accepts a decimal comma when the file is semicolon-delimited. NaN when not a number. */
export function parseNumber(s: string, decimalComma: boolean): number {
  const t = decimalComma && /^[-+]?\d+,\d+$/.test(s) ? s.replace(',', '.') : s;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number.NaN;
  return Number(t);
}

/** Parse a binary token (0/1/yes/no/true/false); NaN when it is none of them. */
export function parseBinary(s: string): number {
  const t = s.trim().toLowerCase();
  if (TRUE_TOKENS.has(t)) return 1;
  if (FALSE_TOKENS.has(t)) return 0;
  return Number.NaN;
}

/**
 * Read CSV text into a typed table. Throws {@link InputError} listing every problem (capped when printed).
 * O(rows × columns).
 * @example
 * const { table } = ingestTable('patient_id,age\np1,70\n', { file: 'x.csv' });
 */
export function ingestTable(text: string, options: IngestOptions): { table: PatientTable; report: IngestReport } {
  const { file, schema } = options;
  const csv = parseCsvText(text, file);
  const idColumn = options.idColumn ?? schema?.id ?? 'patient_id';
  const idIndex = csv.header.indexOf(idColumn);
  const issues: InputIssue[] = [];
  if (idIndex < 0) {
    throw new InputError([{ code: 'missing_id_column', file, column: idColumn, message: `id column "${idColumn}" not found in header (use --id COL)` }]);
  }
  const ids = csv.records.map((r) => r[idIndex] ?? '');
  const firstRow = new Map<string, number>();
  ids.forEach((id, i) => {
    if (isMissingToken(id)) issues.push({ code: 'missing_id', file, row: i + 2, column: idColumn, message: 'id is empty' });
    const prev = firstRow.get(id);
    if (prev !== undefined) issues.push({ code: 'duplicate_id', file, row: i + 2, column: idColumn, message: `duplicate id (first seen on row ${prev})` });
    else firstRow.set(id, i + 2);
  });
  if (schema) {
    for (const spec of schema.columns) {
      if (spec.required !== false && !csv.header.includes(spec.name)) {
        issues.push({ code: 'missing_column', file, column: spec.name, message: 'required column is missing from the header' });
      }
    }
  }
  const decimalComma = csv.delimiter === ';';
  const columns: Column[] = [];
  const inferredTypes = dict<Column['kind']>();
  csv.header.forEach((name, j) => {
    if (j === idIndex) return;
    const raw = csv.records.map((r) => r[j] ?? '');
    const spec = schema?.columns.find((c) => c.name === name) ?? inferSpec(name, raw, decimalComma);
    if (!schema?.columns.some((c) => c.name === name)) inferredTypes[name] = spec.type;
    columns.push(typeColumn(spec, raw, decimalComma, file, issues));
  });
  // file order: header problems first, then by row (stable within a row: column order)
  // ids never reach a message: an issue about the id column names its row, not its value
  if (issues.length) throw new InputError(issues.map((x) => (x.column === idColumn ? withoutValue(x) : x)).sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
  return finishMissing({ idColumn, ids, columns, file }, options.missing ?? 'impute', inferredTypes);
}

function inferSpec(name: string, raw: readonly string[], decimalComma: boolean): ColumnSpec {
  // a blood group is one of the eight ABO/Rh groups whatever the schema (the simulator issues blood by it)
  if (name === 'abo_rh') return { name, type: 'categorical', categories: ABO_RH };
  const present = raw.filter((s) => !isMissingToken(s));
  if (present.length > 0 && present.every((s) => !Number.isNaN(parseBinary(s)))) {
    const numericOnly = present.every((s) => s === '0' || s === '1');
    const distinct = new Set(present.map((s) => s.toLowerCase()));
    if (!numericOnly || distinct.size <= 2) return { name, type: 'binary' };
  }
  if (present.length > 0 && present.every((s) => NON_FINITE.test(s) || !Number.isNaN(parseNumber(s, decimalComma)))) return { name, type: 'numeric' };
  return { name, type: present.length === 0 ? 'numeric' : 'categorical' };
}

function typeColumn(spec: ColumnSpec, raw: readonly string[], decimalComma: boolean, file: string, issues: InputIssue[]): Column {
  const n = raw.length;
  if (spec.type === 'categorical') {
    const levels: string[] = spec.categories ? [...spec.categories] : [];
    const index = new Map(levels.map((l, i) => [l, i]));
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const s = raw[i]!;
      if (isMissingToken(s)) { codes[i] = -1; continue; }
      let code = index.get(s);
      if (code === undefined) {
        if (spec.categories) {
          issues.push({ code: 'unknown_category', file, row: i + 2, column: spec.name, value: s, message: `unknown category; allowed: ${spec.categories.join(', ')}` });
          code = -1;
        } else {
          code = levels.length;
          levels.push(s);
          index.set(s, code);
        }
      }
      codes[i] = code;
    }
    return { kind: 'categorical', name: spec.name, levels, codes };
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = raw[i]!;
    if (isMissingToken(s)) { values[i] = Number.NaN; continue; }
    if (spec.type === 'binary') {
      const b = parseBinary(s);
      if (Number.isNaN(b)) issues.push({ code: 'not_binary', file, row: i + 2, column: spec.name, value: s, message: 'binary column takes 0/1/yes/no/true/false' });
      values[i] = b;
      continue;
    }
    const x = parseNumber(s, decimalComma);
    if (NON_FINITE.test(s) || x === Infinity || x === -Infinity) {
      issues.push({ code: 'not_finite', file, row: i + 2, column: spec.name, value: s, message: 'infinite, NaN or beyond the range of a number (about ±1.8e308); leave the cell empty or write NA when it is missing' });
    } else if (Number.isNaN(x)) {
      issues.push({ code: 'non_numeric', file, row: i + 2, column: spec.name, value: s, message: 'not a number in a numeric column' });
    } else if ((spec.min !== undefined && x < spec.min) || (spec.max !== undefined && x > spec.max)) {
      issues.push({ code: 'out_of_range', file, row: i + 2, column: spec.name, value: s, message: `out of range [${spec.min ?? '-inf'}, ${spec.max ?? 'inf'}]${spec.unit ? ' ' + spec.unit : ''}` });
    }
    values[i] = x;
  }
  return spec.unit !== undefined ? { kind: spec.type, name: spec.name, unit: spec.unit, values } : { kind: spec.type, name: spec.name, values };
}

function finishMissing(table: PatientTable, policy: MissingPolicy, inferredTypes: Record<string, Column['kind']>): { table: PatientTable; report: IngestReport } {
  const n = table.ids.length;
  const missingByColumn = dict<number>();
  const rowHasMissing = new Uint8Array(n);
  for (const c of table.columns) {
    let count = 0;
    for (let i = 0; i < n; i++) {
      const miss = c.kind === 'categorical' ? c.codes[i]! < 0 : Number.isNaN(c.values[i]!);
      if (miss) { count++; rowHasMissing[i] = 1; }
    }
    missingByColumn[c.name] = count;
  }
  const imputedByColumn = dict<number>();
  const base = { rowsRead: n, missingByColumn, inferredTypes };
  if (policy === 'keep') return { table, report: { ...base, rowsDropped: 0, imputedByColumn } };
  if (policy === 'drop') {
    const keep: number[] = [];
    for (let i = 0; i < n; i++) if (!rowHasMissing[i]) keep.push(i);
    const ids = keep.map((i) => table.ids[i]!);
    const columns = table.columns.map((c): Column => c.kind === 'categorical'
      ? { ...c, codes: Int32Array.from(keep, (i) => c.codes[i]!) }
      : { ...c, values: Float64Array.from(keep, (i) => c.values[i]!) });
    return { table: { ...table, ids, columns }, report: { ...base, rowsDropped: n - keep.length, imputedByColumn } };
  }
  const columns = table.columns.map((c): Column => {
    const missing = missingByColumn[c.name]!;
    if (missing === 0 || missing === n) return c;
    imputedByColumn[c.name] = missing;
    if (c.kind === 'categorical') {
      const counts = new Int32Array(c.levels.length);
      for (let i = 0; i < n; i++) if (c.codes[i]! >= 0) counts[c.codes[i]!]!++;
      let mode = 0;
      for (let k = 1; k < counts.length; k++) if (counts[k]! > counts[mode]!) mode = k;
      return { ...c, codes: c.codes.map((v) => (v < 0 ? mode : v)) };
    }
    const fill = c.kind === 'binary' ? modeOfBinary(c.values) : median(c.values);
    return { ...c, values: c.values.map((v) => (Number.isNaN(v) ? fill : v)) };
  });
  return { table: { ...table, columns }, report: { ...base, rowsDropped: 0, imputedByColumn } };
}

function modeOfBinary(values: Float64Array): number {
  let ones = 0;
  let total = 0;
  for (const v of values) if (!Number.isNaN(v)) { total++; ones += v; }
  return ones * 2 > total ? 1 : 0;
}

function withoutValue(issue: InputIssue): InputIssue {
  const { value: _value, ...rest } = issue;
  return rest;
}
