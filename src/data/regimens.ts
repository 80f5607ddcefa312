/**
 * Adapter: the cohort table's diagnosis and regimen override column → each patient's regimen, by the service
 * model's one rule (src/service/regimen.ts). Cost: O(n).
 */
import type { RegimenSettings } from '../scenario/sections/regimen.js';
import type { PatientRegimens } from '../service/index.js';
import { patientRegimens } from '../service/index.js';
import { findColumn } from './table.js';
import type { PatientTable } from './table.js';

/** A categorical column's value per row (undefined when missing or when the column is absent or numeric). */
function categoryOf(table: PatientTable, name: string | null): ((i: number) => string | undefined) | undefined {
  const c = name === null ? undefined : findColumn(table, name);
  return c?.kind === 'categorical' ? (i: number) => (c.codes[i]! < 0 ? undefined : c.levels[c.codes[i]!]) : undefined;
}

/**
 * Regimen per table row.
 * @example regimensFromTable(cohort.table, scenario.regimen).exchange[0];
 */
export function regimensFromTable(table: PatientTable, settings: RegimenSettings): PatientRegimens {
  const diagnosis = categoryOf(table, 'diagnosis'), procedure = categoryOf(table, settings.column);
  return patientRegimens(settings, { n: table.ids.length, ...(diagnosis ? { diagnosis } : {}), ...(procedure ? { procedure } : {}) });
}
