/**
 * The in-memory patient table every stage reads: one id per row, typed columns on typed arrays.
 * Missing values are `NaN` (numeric, binary) or code `-1` (categorical).
 */

export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  readonly unit?: string;
  readonly values: Float64Array;
}

export interface BinaryColumn {
  readonly kind: 'binary';
  readonly name: string;
  /** 0 or 1; NaN when missing. */
  readonly values: Float64Array;
}

export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  /** Level names in first-seen order (or the schema's order). */
  readonly levels: readonly string[];
  /** Index into `levels`; -1 when missing. */
  readonly codes: Int32Array;
}

export type Column = NumericColumn | BinaryColumn | CategoricalColumn;
export type ColumnKind = Column['kind'];

export interface PatientTable {
  /** Name of the id column in the source file (e.g. `patient_id`). */
  readonly idColumn: string;
  readonly ids: readonly string[];
  /** Columns other than the id, in file order. */
  readonly columns: readonly Column[];
  /** Source file, for messages. */
  readonly file?: string;
}

/** Number of rows. */
export function rowCount(table: PatientTable): number {
  return table.ids.length;
}

/** Column by name, or undefined. */
export function findColumn(table: PatientTable, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** Column by name; throws (a programming error) when absent. Use {@link findColumn} for user-named columns. */
export function getColumn(table: PatientTable, name: string): Column {
  const c = findColumn(table, name);
  if (!c) throw new Error(`getColumn: no column ${JSON.stringify(name)} in table`);
  return c;
}

/** Numeric view of a numeric or binary column (categorical → throws). */
export function numericValues(table: PatientTable, name: string): Float64Array {
  const c = getColumn(table, name);
  if (c.kind === 'categorical') throw new Error(`numericValues: column ${name} is categorical`);
  return c.values;
}

/** Cell value as a display string ('' when missing). */
export function cellText(column: Column, row: number): string {
  if (column.kind === 'categorical') {
    const code = column.codes[row]!;
    return code < 0 ? '' : column.levels[code]!;
  }
  const v = column.values[row]!;
  return Number.isNaN(v) ? '' : String(v);
}

/** A new table holding only the given rows, in that order. O(rows × columns). */
export function selectRows(table: PatientTable, rows: ArrayLike<number>): PatientTable {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i++) ids.push(table.ids[rows[i]!]!);
  const columns = table.columns.map((c): Column => {
    if (c.kind === 'categorical') {
      const codes = new Int32Array(rows.length);
      for (let i = 0; i < rows.length; i++) codes[i] = c.codes[rows[i]!]!;
      return { ...c, codes };
    }
    const values = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) values[i] = c.values[rows[i]!]!;
    return { ...c, values };
  });
  return { ...table, ids, columns };
}
