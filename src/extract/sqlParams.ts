/**
 * The values substituted into src/extract/sql/*.sql: concept-set predicates, window lengths, the as-of date.
 * Pure text generation; the reader in src/data/events runs the result.
 */
import { DIAGNOSES } from '../data/schema.js';
import type { ConceptFile } from './concepts.js';
import { CHARLSON_GROUPS, EVENT_SETS, setPredicate } from './concepts.js';
import type { ExtractWindows } from './windows.js';

/** The event sets read from measurement and observation values (the `result` table of 03_haemoglobin.sql). */
const RESULT_SETS = ['hb', 'weight', 'ferritin', 'ecog', 'abo_rh', 'alloantibody_screen', 'lives_alone', 'caregiver', 'phone_access'] as const;

const norm = (col: string): string => `upper(replace(${col}, '.', ''))`;

/**
 * Every `{{name}}` value for the SQL files. Cost: O(codes).
 * @example
 * sqlParams(defaults, EXTRACT_WINDOWS, '2025-06-30').lookback_days; // '365'
 */
export function sqlParams(concepts: ConceptFile, windows: ExtractWindows, asOf: string): Record<string, string> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`sqlParams: as-of must be YYYY-MM-DD, got ${asOf}`);
  const p: Record<string, string> = {
    as_of: asOf,
    lookback_days: String(windows.lookbackDays),
    hb_pre_days: String(windows.hbPreDays),
    hb_post_days: String(windows.hbPostDays),
  };
  for (const name of EVENT_SETS) p[name] = setPredicate(concepts.events[name], 'cid', 'code');
  p.any_result = `(${RESULT_SETS.map((name) => p[name]).join(' OR ')})`;
  p.transfusion_procedure = setPredicate(concepts.events.transfusion, 'procedure_concept_id', norm('procedure_source_value'));
  p.transfusion_drug = setPredicate(concepts.events.transfusion, 'drug_concept_id', norm('drug_source_value'));
  p.diagnosis_counts = DIAGNOSES.map((d) => `count(*) FILTER (WHERE ${setPredicate(concepts.diagnoses[d], 'cid', 'code')}) AS dx_${d}`).join(',\n  ');
  p.charlson_flags = CHARLSON_GROUPS.map((g) => `coalesce(bool_or(${setPredicate(concepts.charlson[g], 'cid', 'code')}), FALSE) AS ch_${g}`).join(',\n  ');
  p.condition_columns = [
    ...DIAGNOSES.map((d) => `coalesce(ca.dx_${d}, 0) AS dx_${d}`),
    ...CHARLSON_GROUPS.map((g) => `coalesce(ca.ch_${g}, FALSE) AS ch_${g}`),
  ].join(', ');
  return p;
}

/** Replace every `{{name}}` in `sql`; a placeholder without a value is a programming error. */
export function fillSql(sql: string, params: Readonly<Record<string, string>>): string {
  return sql.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`fillSql: no value for {{${name}}}`);
    return v;
  });
}
