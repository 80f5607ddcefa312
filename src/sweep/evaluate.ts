/**
 * Evaluate one sweep task: the base scenario with the point's values and the replication's seed, through the
 * pipeline, reduced to metrics. Runs in a worker thread (worker.ts) or inline; input and output are plain
 * data so they cross the thread boundary.
 */
import type { UpstreamResult } from '../pipeline.js';
import { runPipeline } from '../pipeline.js';
import { validateScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import type { Metrics } from './metrics.js';
import { sweepMetrics } from './metrics.js';
import { setPath } from './vary.js';

export interface EvaluateInput {
  readonly scenario: Scenario;
  readonly scenarioFile: string;
  /** Folder relative paths in the scenario resolve against (CSV cohorts). */
  readonly baseDir: string;
  readonly values: Readonly<Record<string, number>>;
  readonly seed: number;
}

export interface EvaluateOutput {
  readonly metrics: Metrics;
  readonly warnings: readonly string[];
  readonly ms: number;
}

/** Per thread: segment + rules of the last point, reused while the varied settings leave their inputs alone. */
const upstreamCache = new Map<string, UpstreamResult>();

/**
 * Run the pipeline on the varied scenario. Cost: one pipeline run.
 * @example
 * await evaluatePoint({ scenario, scenarioFile: 'x.yaml', baseDir: '.', values: { 'program.nurses': 3 }, seed: 42 });
 */
export async function evaluatePoint(input: EvaluateInput): Promise<EvaluateOutput> {
  const t0 = performance.now();
  let raw: Scenario = { ...input.scenario, seed: input.seed };
  for (const [path, value] of Object.entries(input.values)) raw = setPath(raw, path, value);
  const loaded = validateScenario(raw, input.scenarioFile, input.baseDir);
  // The solver runs inline: the point already has its own worker thread, and HiGHS stays loaded between points.
  const result = await runPipeline(loaded, { optimizeGuard: 'inline', upstreamCache });
  return { metrics: sweepMetrics(result), warnings: result.warnings, ms: Math.round(performance.now() - t0) };
}
