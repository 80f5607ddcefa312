/**
 * The whole pipeline, one direction:
 *
 *   1 data ──► 2 segment ──► 3 rules ──► 4 priority ──► 5 optimize ──► 6 simulate
 *      └──► capacity check (program arithmetic)            └──────────────┴──► report (src/report)
 *
 * `runPipeline` computes every stage's result and returns them all (no file writes here); `carestrata run`
 * hands the result to the report writer (src/report/write.ts), `carestrata sweep` reduces it to metrics
 * (src/sweep/metrics.ts). Stages not built yet are listed in `pending`, never faked.
 */
import type { IngestReport } from './data/ingest.js';
import { readSchemaFile, readTableFile } from './data/read.js';
import { COHORT_SCHEMA } from './data/schema.js';
import { synthesizeCohort } from './data/synth.js';
import type { PatientTable } from './data/table.js';
import { streams } from './random/index.js';
import type { CapacityCheck } from './report/capacity.js';
import { capacityCheck } from './report/capacity.js';
import { defaultPseudonymKey, pseudonymizeTable } from './report/pseudonymize.js';
import type { LoadedScenario } from './scenario/load.js';
import { scenarioPath } from './scenario/load.js';

export interface CohortResult {
  readonly table: PatientTable;
  readonly source: 'synthetic' | 'csv';
  /** Archetype per row, synthetic cohorts only. */
  readonly truth?: readonly string[];
  readonly ingest?: IngestReport;
  /** True when ids were replaced by keyed pseudonyms (report.pseudonymize). */
  readonly pseudonymized: boolean;
}

/** The stages of the full pipeline, in order (`data` and `report` always exist). */
export const STAGES = ['data', 'segment', 'rules', 'priority', 'optimize', 'simulate', 'report'] as const;
export type StageName = (typeof STAGES)[number];

export interface PipelineResult {
  readonly scenario: LoadedScenario['scenario'];
  /** Scenario file the run came from (`<inline>` for sweeps built in memory). */
  readonly scenarioFile: string;
  readonly cohort: CohortResult;
  readonly capacity: CapacityCheck;
  /** Wall-clock per stage, milliseconds (the only non-reproducible field). */
  readonly timingsMs: Readonly<Record<string, number>>;
  /** Stages that do not exist yet in this version. */
  readonly pending: readonly StageName[];
  /** Modelling warnings from every stage, in plain words (infeasible, unstable, low precision…). */
  readonly warnings: readonly string[];
}

export type ProgressLog = (message: string) => void;

/** 1. Data: the synthetic generator or a CSV extract, typed by schema; ids pseudonymised when asked. */
export function loadCohort(loaded: LoadedScenario): CohortResult {
  const { scenario } = loaded;
  const c = scenario.cohort;
  const r = scenario.report;
  const key = r.pseudonym_key || defaultPseudonymKey(scenario.seed);
  const pseudo = (t: PatientTable) => (r.pseudonymize ? pseudonymizeTable(t, key) : t);
  if (c.source === 'synthetic') {
    const { table, archetypes } = synthesizeCohort(c.patients, streams(scenario.seed));
    return { table: pseudo(table), source: 'synthetic', truth: archetypes, pseudonymized: r.pseudonymize };
  }
  const schema = c.schema === undefined ? undefined : c.schema === 'builtin' ? COHORT_SCHEMA : readSchemaFile(scenarioPath(loaded, c.schema));
  const { table, report } = readTableFile(scenarioPath(loaded, c.path), { ...(schema ? { schema } : {}), idColumn: c.id, missing: c.missing });
  return { table: pseudo(table), source: 'csv', ingest: report, pseudonymized: r.pseudonymize };
}

/**
 * Run every stage that exists, in order. Cost: dominated by segmentation and optimisation (see each stage).
 * @example
 * const result = await runPipeline(loadScenarioFile('scenarios/quick.yaml'));
 */
export async function runPipeline(loaded: LoadedScenario, log: ProgressLog = () => {}): Promise<PipelineResult> {
  const timingsMs: Record<string, number> = {};
  const warnings: string[] = [];
  const time = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    log(`${name}...`);
    const out = await f();
    timingsMs[name] = Math.round(performance.now() - t0);
    return out;
  };
  const { scenario } = loaded;
  // 1. data
  const cohort = await time('data', () => loadCohort(loaded));
  const capacity = capacityCheck(scenario.program, cohort.table);
  if (capacity.homeVisitsPerWeek === 0) warnings.push('The program as configured cannot make a single home visit (check nurses, shift hours, units per day).');
  // 2–6: wired in as each stage lands.
  return {
    scenario,
    scenarioFile: loaded.file,
    cohort,
    capacity,
    timingsMs,
    pending: ['segment', 'rules', 'priority', 'optimize', 'simulate'],
    warnings,
  };
}
