/**
 * Every person's outcome → the cohort table (COHORT_SCHEMA's columns, in order) and the list of persons left
 * out with the reason. Ids optionally replaced by keyed pseudonyms. Pure.
 */
import { COHORT_SCHEMA, DIAGNOSES } from '../data/schema.js';
import type { Column, PatientTable } from '../data/table.js';
import { pseudonymize } from '../data/pseudonymize.js';
import type { Episode } from './episodes.js';
import type { ExclusionReason, PatientAggregates } from './features.js';
import { patientFeatures } from './features.js';
import type { ExtractWindows } from './windows.js';

export interface Exclusion {
  readonly id: string;
  readonly reason: ExclusionReason;
  readonly detail: string;
}

export interface ExtractedCohort {
  readonly table: PatientTable;
  readonly excluded: readonly Exclusion[];
}

/**
 * Build the cohort. `episodesOf(i)` gives person i's episodes in start order. When `pseudonymKey` is given,
 * ids in both the table and the exclusion list are pseudonyms. Cost: O(persons + episodes).
 */
export function buildCohort(
  persons: readonly PatientAggregates[],
  episodesOf: (i: number) => readonly Episode[],
  windows: ExtractWindows,
  pseudonymKey?: string,
): ExtractedCohort {
  const ids = pseudonymKey === undefined ? persons.map((p) => p.personId) : pseudonymize(persons.map((p) => p.personId), pseudonymKey);
  const rows: Readonly<Record<string, number | string | null>>[] = [];
  const kept: string[] = [];
  const excluded: Exclusion[] = [];
  persons.forEach((p, i) => {
    const out = patientFeatures(p, episodesOf(i), windows, DIAGNOSES);
    if (out.kind === 'row') {
      rows.push(out.row);
      kept.push(ids[i]!);
    } else excluded.push({ id: ids[i]!, reason: out.reason, detail: out.detail });
  });
  const columns: Column[] = COHORT_SCHEMA.columns.map((spec) => {
    if (spec.type === 'categorical') {
      const levels = [...(spec.categories ?? [])];
      return { kind: 'categorical', name: spec.name, levels, codes: Int32Array.from(rows, (r) => levels.indexOf(String(r[spec.name] ?? ''))) };
    }
    const values = Float64Array.from(rows, (r) => (r[spec.name] === null ? Number.NaN : Number(r[spec.name])));
    return spec.unit !== undefined ? { kind: spec.type, name: spec.name, unit: spec.unit, values } : { kind: spec.type, name: spec.name, values };
  });
  return { table: { idColumn: 'patient_id', ids: kept, columns }, excluded };
}
