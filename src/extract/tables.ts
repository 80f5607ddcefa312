/**
 * The OMOP CDM v5.4 tables and columns the extractor reads (names and types as in the OHDSI CommonDataModel
 * DDL), plus one carestrata extension table, `travel_time`. Only these columns are read; others are ignored.
 * A required table or column that is absent is an input error; an optional one reads as NULL.
 */

/** Target type of a staged column. `id` is read as text (OMOP integers and FHIR string ids alike). */
export type StagedType = 'id' | 'integer' | 'double' | 'date' | 'timestamp' | 'text';

export interface StagedColumn {
  readonly name: string;
  readonly type: StagedType;
  readonly required: boolean;
}

export interface StagedTable {
  readonly name: string;
  readonly required: boolean;
  /** The column holding the person, for the "person not in person" check. */
  readonly personColumn?: string;
  /** Date columns checked against the person's birth date. */
  readonly eventDate?: string;
  readonly columns: readonly StagedColumn[];
}

const req = (name: string, type: StagedType): StagedColumn => ({ name, type, required: true });
const opt = (name: string, type: StagedType): StagedColumn => ({ name, type, required: false });

export const OMOP_TABLES: readonly StagedTable[] = [
  {
    name: 'person', required: true,
    columns: [req('person_id', 'id'), req('gender_concept_id', 'integer'), req('year_of_birth', 'integer'),
      opt('month_of_birth', 'integer'), opt('day_of_birth', 'integer'), opt('birth_datetime', 'timestamp'),
      opt('location_id', 'id'), opt('care_site_id', 'id'), opt('gender_source_value', 'text')],
  },
  {
    name: 'visit_occurrence', required: true, personColumn: 'person_id', eventDate: 'visit_start_date',
    columns: [req('visit_occurrence_id', 'id'), req('person_id', 'id'), req('visit_concept_id', 'integer'),
      req('visit_start_date', 'date'), opt('visit_start_datetime', 'timestamp'), opt('visit_end_date', 'date'),
      opt('visit_end_datetime', 'timestamp'), opt('care_site_id', 'id'), opt('visit_source_value', 'text')],
  },
  {
    name: 'procedure_occurrence', required: true, personColumn: 'person_id', eventDate: 'procedure_date',
    columns: [req('person_id', 'id'), req('procedure_concept_id', 'integer'), req('procedure_date', 'date'),
      opt('quantity', 'double'), opt('visit_occurrence_id', 'id'), opt('procedure_source_value', 'text')],
  },
  {
    name: 'drug_exposure', required: false, personColumn: 'person_id', eventDate: 'drug_exposure_start_date',
    columns: [req('person_id', 'id'), req('drug_concept_id', 'integer'), req('drug_exposure_start_date', 'date'),
      opt('quantity', 'double'), opt('visit_occurrence_id', 'id'), opt('drug_source_value', 'text')],
  },
  {
    name: 'measurement', required: true, personColumn: 'person_id', eventDate: 'measurement_date',
    columns: [req('person_id', 'id'), req('measurement_concept_id', 'integer'), req('measurement_date', 'date'),
      opt('value_as_number', 'double'), opt('measurement_source_value', 'text'), opt('value_source_value', 'text')],
  },
  {
    name: 'condition_occurrence', required: true, personColumn: 'person_id', eventDate: 'condition_start_date',
    columns: [req('person_id', 'id'), req('condition_concept_id', 'integer'), req('condition_start_date', 'date'),
      opt('condition_source_value', 'text')],
  },
  {
    name: 'observation', required: false, personColumn: 'person_id', eventDate: 'observation_date',
    columns: [req('person_id', 'id'), req('observation_concept_id', 'integer'), req('observation_date', 'date'),
      opt('value_as_number', 'double'), opt('value_as_string', 'text'), opt('observation_source_value', 'text')],
  },
  { name: 'location', required: false, columns: [req('location_id', 'id'), opt('latitude', 'double'), opt('longitude', 'double')] },
  { name: 'care_site', required: false, columns: [req('care_site_id', 'id'), opt('location_id', 'id')] },
  {
    name: 'travel_time', required: false,
    columns: [req('location_id', 'id'), req('care_site_id', 'id'), req('minutes', 'double')],
  },
];

/** DuckDB type of each staged type. */
export const SQL_TYPE: Record<StagedType, string> = {
  id: 'VARCHAR', integer: 'BIGINT', double: 'DOUBLE', date: 'DATE', timestamp: 'TIMESTAMP', text: 'VARCHAR',
};

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The SQL cast of a raw text column to its staged type (ids: integers or FHIR-style strings kept as text). */
function castExpr(col: string, type: StagedType): string {
  const raw = `nullif(trim(CAST(${quote(col)} AS VARCHAR)), '')`;
  return type === 'id' ? raw : `try_cast(${raw} AS ${SQL_TYPE[type]})`;
}

/**
 * SELECT list that types `table`'s columns from a raw relation whose values may be text: absent optional
 * columns become typed NULLs, and `_bad` names the first column whose non-empty value does not cast (or
 * `!column` for an empty required value; NULL when the row is clean). Pure text.
 */
export function castingSelect(table: StagedTable, present: ReadonlySet<string>): string {
  const cols = table.columns.map((c) =>
    present.has(c.name) ? `${castExpr(c.name, c.type)} AS ${c.name}` : `CAST(NULL AS ${SQL_TYPE[c.type]}) AS ${c.name}`);
  const raw = (c: StagedColumn) => `nullif(trim(CAST(${quote(c.name)} AS VARCHAR)), '')`;
  const checks = [
    ...table.columns.filter((c) => c.required && present.has(c.name)).map((c) => `WHEN ${raw(c)} IS NULL THEN '!${c.name}'`),
    ...table.columns.filter((c) => present.has(c.name) && c.type !== 'id' && c.type !== 'text')
      .map((c) => `WHEN ${raw(c)} IS NOT NULL AND ${castExpr(c.name, c.type)} IS NULL THEN '${c.name}'`),
  ];
  return `${cols.join(', ')}, ${checks.length ? `CASE ${checks.join(' ')} END` : 'CAST(NULL AS VARCHAR)'} AS _bad`;
}

/**
 * SELECT list over a CSV read with the column types of {@link csvTypes} (DuckDB did the typing and put rows
 * that do not cast in its rejects table): lower-case names, absent optional columns as typed NULLs, `_bad`
 * for empty required values. `header` maps lower-case names to the file's spelling. Pure text.
 */
export function typedSelect(table: StagedTable, header: ReadonlyMap<string, string>): string {
  const cols = table.columns.map((c) => {
    const orig = header.get(c.name);
    return orig === undefined ? `CAST(NULL AS ${SQL_TYPE[c.type]}) AS ${c.name}` : `${quote(orig)} AS ${c.name}`;
  });
  const checks = table.columns.filter((c) => c.required && header.has(c.name)).map((c) => `WHEN ${quote(header.get(c.name)!)} IS NULL THEN '!${c.name}'`);
  return `${cols.join(', ')}, ${checks.length ? `CASE ${checks.join(' ')} END` : 'CAST(NULL AS VARCHAR)'} AS _bad`;
}

/** read_csv `types` for every header column: the staged type for columns the table reads, text for the rest. */
export function csvTypes(table: StagedTable, header: ReadonlyMap<string, string>): string {
  const entries = [...header].map(([lower, orig]) => {
    const c = table.columns.find((x) => x.name === lower);
    return `'${orig.replace(/'/g, "''")}': '${c ? SQL_TYPE[c.type] : 'VARCHAR'}'`;
  });
  return `{${entries.join(', ')}}`;
}
