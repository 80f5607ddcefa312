/**
 * A scenario's `cohort.source: omop | fhir`: extract the events, then type the result exactly as a CSV extract
 * with the built-in schema would be (same missing-value handling, same ingest report), so `run` and `sweep`
 * behave the same whether they read events or the CSV `carestrata extract` writes.
 */
import type { IngestReport } from '../ingest.js';
import { ingestTable } from '../ingest.js';
import { tableToCsv } from '../format.js';
import { COHORT_SCHEMA } from '../schema.js';
import type { PatientTable } from '../table.js';
import { extractCohort } from './extract.js';
import { readConcepts } from './readConcepts.js';

export interface EventCohortOptions {
  readonly asOf?: string;
  readonly conceptsPath?: string;
  readonly shiftDays: number;
  readonly seed: number;
  readonly missing: 'impute' | 'drop' | 'keep';
}

/**
 * Extract and type. Cost: one extraction plus an O(rows × columns) ingest.
 * @example
 * const { table } = await readEventCohort('omop', 'scenarios/omop-demo', { shiftDays: 0, seed: 7, missing: 'impute' });
 */
export async function readEventCohort(kind: 'omop' | 'fhir', path: string, o: EventCohortOptions): Promise<{ table: PatientTable; report: IngestReport; excluded: number }> {
  const run = await extractCohort(kind, path, {
    concepts: readConcepts(o.conceptsPath),
    ...(o.asOf ? { asOf: o.asOf } : {}),
    ...(o.shiftDays > 0 ? { shiftDates: { seed: o.seed, maxDays: o.shiftDays } } : {}),
  });
  const typed = ingestTable(tableToCsv(run.table), { file: `${path} (extracted)`, schema: COHORT_SCHEMA, missing: o.missing });
  return { ...typed, excluded: run.excluded.length };
}
