/**
 * Register a FHIR R4 bulk-export folder (`Patient.ndjson`, `Encounter.ndjson`, `Procedure.ndjson`,
 * `Observation.ndjson`, `Condition.ndjson`, `Location.ndjson`) as the raw OMOP-shaped views of
 * src/extract/sql/fhir_views.sql, so the same staging, checks and feature SQL run on it. Messages name the
 * NDJSON file, its line and the resource field.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import type { StagedTable } from '../../extract/tables.js';
import type { Duck } from './duck.js';
import { readSql, sqlString } from './duck.js';
import type { TableSource } from './omopSource.js';

const RESOURCES = ['Patient', 'Encounter', 'Procedure', 'Observation', 'Condition', 'Location'] as const;
const REQUIRED = new Set(['Patient', 'Encounter', 'Procedure', 'Observation', 'Condition']);

/** Staged table → its resource type and the FHIR field behind each staged column. */
const FIELDS: Readonly<Record<string, { resource: string; fields: Readonly<Record<string, string>> }>> = {
  person: { resource: 'Patient', fields: { person_id: 'id', year_of_birth: 'birthDate', month_of_birth: 'birthDate', day_of_birth: 'birthDate' } },
  visit_occurrence: { resource: 'Encounter', fields: { person_id: 'subject.reference', visit_start_date: 'period.start', visit_start_datetime: 'period.start', visit_end_date: 'period.end', visit_end_datetime: 'period.end' } },
  procedure_occurrence: { resource: 'Procedure', fields: { person_id: 'subject.reference', procedure_date: 'performedDateTime' } },
  measurement: { resource: 'Observation', fields: { person_id: 'subject.reference', measurement_date: 'effectiveDateTime', value_as_number: 'valueQuantity.value' } },
  condition_occurrence: { resource: 'Condition', fields: { person_id: 'subject.reference', condition_start_date: 'onsetDateTime' } },
  care_site: { resource: 'Location', fields: { care_site_id: 'id' } },
  location: { resource: 'Location', fields: { latitude: 'position.latitude', longitude: 'position.longitude' } },
};

/**
 * Register the folder. Throws {@link InputError} when it or a required resource file is missing, or a file is
 * not NDJSON. Cost: one pass over each file inside DuckDB when the views are first read.
 */
export async function registerFhir(duck: Duck, dir: string, tables: readonly StagedTable[]): Promise<TableSource[]> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError([{ code: 'not_found', file: dir, message: 'FHIR export folder not found' }]);
  const files = readdirSync(dir);
  const missing: string[] = [];
  for (const r of RESOURCES) {
    const hit = files.find((f) => f.toLowerCase() === `${r.toLowerCase()}.ndjson`);
    if (!hit && REQUIRED.has(r)) missing.push(r);
    const relation = hit ? `read_ndjson_objects(${sqlString(join(dir, hit))})` : `(SELECT CAST(NULL AS JSON) AS json WHERE FALSE)`;
    await duck.run(`CREATE OR REPLACE VIEW fhir_${r} AS SELECT json, row_number() OVER () AS _line FROM ${relation}`);
  }
  if (missing.length) {
    throw new InputError(missing.map((r) => ({ code: 'missing_table', file: join(dir, `${r}.ndjson`), message: `required FHIR resource file ${r}.ndjson not found` })));
  }
  try {
    await duck.run(readSql('fhir_views.sql'));
    await duck.columns('SELECT count(*) AS n FROM raw_person');
  } catch (e) {
    throw new InputError([{ code: 'unreadable', file: dir, message: `FHIR export cannot be read: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}` }]);
  }
  const out: TableSource[] = [];
  for (const t of tables) {
    const f = FIELDS[t.name];
    if (!f) {
      out.push({ table: t.name, file: join(dir, `${t.name} (not in FHIR)`), rowOffset: 0, present: new Set(), absent: true });
      continue;
    }
    const present = new Set(((await duck.columns(`DESCRIBE raw_${t.name}`)).column_name ?? []).map(String));
    const label = (c: string) => `${f.resource}.${f.fields[c] ?? c}`;
    out.push({ table: t.name, file: join(dir, `${f.resource}.ndjson`), rowOffset: 0, present, absent: false, label });
  }
  return out;
}
