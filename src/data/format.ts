/**
 * Tables → CSV text (pure; writing happens in `src/report/outputs.ts`).
 */
import { toCsv } from './csvText.js';
import type { PatientTable } from './table.js';
import { cellText } from './table.js';

/** The table as CSV with the id column first; missing values as empty fields. O(rows × columns). */
export function tableToCsv(table: PatientTable): string {
  const header = [table.idColumn, ...table.columns.map((c) => c.name)];
  const rows = table.ids.map((id, i) => [id, ...table.columns.map((c) => cellText(c, i))]);
  return toCsv(header, rows);
}

/** `patient_id,archetype` truth file. */
export function truthToCsv(ids: readonly string[], archetypes: readonly string[]): string {
  return toCsv(['patient_id', 'archetype'], ids.map((id, i) => [id, archetypes[i]!]));
}
