/**
 * Adapter: the cohort table's diagnosis and override columns → each patient's trigger and floor, by the
 * service model's one rule (src/service/thresholds.ts). Used by priority, optimize and the simulator.
 * Cost: O(n).
 */
import type { ClinicalSettings } from '../scenario/sections/clinical.js';
import type { PatientThresholds } from '../service/index.js';
import { patientThresholds } from '../service/index.js';
import { findColumn } from './table.js';
import type { PatientTable } from './table.js';

function numeric(table: PatientTable, name: string | null): Float64Array | undefined {
  if (name === null) return undefined;
  const c = findColumn(table, name);
  return c && c.kind !== 'categorical' ? c.values : undefined;
}

/**
 * Trigger and floor per table row.
 * @example thresholdsFromTable(cohort.table, scenario.clinical).triggerGdl[0];
 */
export function thresholdsFromTable(table: PatientTable, clinical: ClinicalSettings): PatientThresholds {
  const dx = findColumn(table, 'diagnosis');
  const diagnosis = dx?.kind === 'categorical' ? (i: number): string | undefined => (dx.codes[i]! < 0 ? undefined : dx.levels[dx.codes[i]!]) : undefined;
  const triggerColumn = numeric(table, clinical.trigger_column), floorColumn = numeric(table, clinical.floor_column);
  return patientThresholds(clinical, {
    n: table.ids.length, ...(diagnosis ? { diagnosis } : {}), ...(triggerColumn ? { triggerColumn } : {}), ...(floorColumn ? { floorColumn } : {}),
  });
}
