/**
 * Evaluate one sweep task: the base scenario with the point's values and the replication's seed, through the
 * pipeline, reduced to metrics. Runs in a worker thread (worker.ts) or inline; input and output are plain
 * data so they cross the thread boundary.
 */
import type { UpstreamResult } from '../pipeline.js';
import { loadCohort, runPipeline, segmentAndDescribe, upstreamKeyOf } from '../pipeline.js';
import type { LoadedScenario } from '../scenario/load.js';
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
  /** Segment + rules computed once for this task's upstream inputs (by {@link computeUpstream}), when shared. */
  readonly upstream?: UpstreamResult;
}

export interface EvaluateOutput {
  readonly metrics: Metrics;
  readonly warnings: readonly string[];
  readonly ms: number;
}

/**
 * Per thread: segment + rules of the last few points that computed their own (the pipeline keeps
 * UPSTREAM_CACHE_ENTRIES), reused while the varied settings leave their inputs alone.
 */
const upstreamCache = new Map<string, UpstreamResult>();

/**
 * Run the pipeline on the varied scenario. Cost: one pipeline run.
 * @example
 * await evaluatePoint({ scenario, scenarioFile: 'x.yaml', baseDir: '.', values: { 'program.nurses': 3 }, seed: 42 });
 */
export async function evaluatePoint(input: EvaluateInput): Promise<EvaluateOutput> {
  const t0 = performance.now();
  const loaded = variedScenario(input);
  // A shipped upstream serves this task only: the pool sends it with every task that shares it, so keeping it
  // in the thread's cache would only grow that cache by one entry per replication seed.
  const cache = input.upstream ? new Map([[upstreamKeyOf(loaded), input.upstream]]) : upstreamCache;
  // The solver runs inline: the point already has its own worker thread, and HiGHS stays loaded between points.
  const result = await runPipeline(loaded, { optimizeGuard: 'inline', upstreamCache: cache });
  return { metrics: sweepMetrics(result), warnings: result.warnings, ms: Math.round(performance.now() - t0) };
}

/** The base scenario with the task's values and seed, validated. */
export function variedScenario(input: EvaluateInput): LoadedScenario {
  let raw: Scenario = { ...input.scenario, seed: input.seed };
  for (const [path, value] of Object.entries(input.values)) raw = setPath(raw, path, value);
  return validateScenario(raw, input.scenarioFile, input.baseDir);
}

/**
 * Segment + rules for a task's scenario, computed once and handed to every task that shares them, so worker
 * threads do not each recompute them. Cost: one segmentation and one rule search.
 */
export async function computeUpstream(input: EvaluateInput): Promise<UpstreamResult> {
  const loaded = variedScenario(input);
  return segmentAndDescribe(loaded, await loadCohort(loaded));
}
