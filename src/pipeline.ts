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
import type { PriorityStageResult } from './priority/index.js';
import { prioritise, yearlyCapacity } from './priority/index.js';
import { streams } from './random/index.js';
import type { CapacityCheck } from './report/capacity.js';
import { capacityCheck } from './report/capacity.js';
import { defaultPseudonymKey, pseudonymizeTable } from './report/pseudonymize.js';
import type { LoadedScenario } from './scenario/load.js';
import { scenarioPath } from './scenario/load.js';
import type { SimulationResult } from './sim/index.js';
import { settingsFromScenario, simCohortFromTable, simulatePolicies } from './sim/index.js';

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
  /** 4. Eligibility, explained score, rank, capacity line and robustness (src/priority). */
  readonly priority?: PriorityStageResult;
  /** 6. Policies compared over replications with common random numbers (src/sim). */
  readonly simulation?: SimulationResult;
  /** Wall-clock per stage, milliseconds (the only non-reproducible field). */
  readonly timingsMs: Readonly<Record<string, number>>;
  /** Stages that do not exist yet in this version. */
  readonly pending: readonly StageName[];
  /** Modelling warnings from every stage, in plain words (infeasible, unstable, low precision…). */
  readonly warnings: readonly string[];
}

export type ProgressLog = (message: string) => void;

export interface PipelineOptions {
  /** Progress lines (stderr in the CLI); never patient ids. */
  readonly log?: ProgressLog;
  /** Worker threads for the simulator's replications (0 = inline; sweeps run points in parallel instead). */
  readonly simWorkers?: number;
}

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
 * Run every stage that exists, in order. Cost: dominated by the simulator (replications × policies runs) and,
 * once landed, segmentation and optimisation.
 * @example
 * const result = await runPipeline(loadScenarioFile('scenarios/quick.yaml'), { log: console.error });
 */
export async function runPipeline(loaded: LoadedScenario, options: PipelineOptions = {}): Promise<PipelineResult> {
  const log = options.log ?? (() => {});
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
  const seed = scenario.seed;
  // 1. data
  const cohort = await time('data', () => loadCohort(loaded));
  const capacity = capacityCheck(scenario.program, cohort.table);
  if (capacity.homeVisitsPerWeek === 0) warnings.push('The program as configured cannot make a single home visit (check nurses, shift hours, units per day).');
  // 2. segment, 3. rules: pending (target membership joins priority and the simulator when they land)
  // 4. priority
  const priority = await time('priority', () =>
    prioritise(cohort.table, scenario.priority, { capacity: yearlyCapacity(scenario.program), rng: streams(seed).stream('priority/robustness'), file: loaded.file }),
  );
  warnings.push(...priority.result.warnings.map((w) => `priority: ${w}`));
  // 5. optimize: pending
  // 6. simulate
  const simulation = await time('simulate', async () => {
    const simCohort = simCohortFromTable(cohort.table, { eligible: priority.result.eligible, score: priority.result.score }, scenario.simulation);
    return simulatePolicies(simCohort, settingsFromScenario(scenario), seed, { workers: options.simWorkers ?? 0 });
  });
  warnings.push(...simulation.warnings.map((w) => `simulate: ${w}`));
  return {
    scenario,
    scenarioFile: loaded.file,
    cohort,
    capacity,
    priority,
    simulation,
    timingsMs,
    pending: ['segment', 'rules', 'optimize'],
    warnings,
  };
}
