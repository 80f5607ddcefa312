/**
 * The whole pipeline, one direction:
 *
 *   1 data ──► 2 segment ──► 3 rules ──► 4 priority ──► 5 optimize ──► 6 simulate ──► report
 *
 * `runPipeline` computes every stage's result and returns them all (no file writes here); the CLI's `run`
 * command hands the result to the report writer. Stages not built yet are listed in `pending`.
 */
import type { IngestReport } from './data/ingest.js';
import { readSchemaFile, readTableFile } from './data/read.js';
import { COHORT_SCHEMA } from './data/schema.js';
import { synthesizeCohort } from './data/synth.js';
import type { PatientTable } from './data/table.js';
import { streams } from './random/index.js';
import type { LoadedScenario } from './scenario/load.js';
import { scenarioPath } from './scenario/load.js';

export interface CohortResult {
  readonly table: PatientTable;
  readonly source: 'synthetic' | 'csv';
  /** Archetype per row, synthetic cohorts only. */
  readonly truth?: readonly string[];
  readonly ingest?: IngestReport;
}

export interface PipelineResult {
  readonly scenario: LoadedScenario['scenario'];
  readonly cohort: CohortResult;
  readonly timingsMs: Readonly<Record<string, number>>;
  /** Stages that do not exist yet in this version. */
  readonly pending: readonly string[];
}

export type ProgressLog = (message: string) => void;

/** 1. Data: the synthetic generator or a CSV extract, typed by schema. */
export function loadCohort(loaded: LoadedScenario): CohortResult {
  const { scenario } = loaded;
  const c = scenario.cohort;
  if (c.source === 'synthetic') {
    const { table, archetypes } = synthesizeCohort(c.patients, streams(scenario.seed));
    return { table, source: 'synthetic', truth: archetypes };
  }
  const schema = c.schema === undefined ? undefined : c.schema === 'builtin' ? COHORT_SCHEMA : readSchemaFile(scenarioPath(loaded, c.schema));
  const { table, report } = readTableFile(scenarioPath(loaded, c.path), { ...(schema ? { schema } : {}), idColumn: c.id, missing: c.missing });
  return { table, source: 'csv', ingest: report };
}

/** Run every stage that exists, in order. */
export function runPipeline(loaded: LoadedScenario, log: ProgressLog = () => {}): PipelineResult {
  const timingsMs: Record<string, number> = {};
  const time = <T>(name: string, f: () => T): T => {
    const t0 = performance.now();
    log(`${name}...`);
    const out = f();
    timingsMs[name] = Math.round(performance.now() - t0);
    return out;
  };
  // 1. data
  const cohort = time('data', () => loadCohort(loaded));
  return { scenario: loaded.scenario, cohort, timingsMs, pending: ['segment', 'rules', 'priority', 'optimize', 'simulate', 'report'] };
}
