/**
 * Evaluate replications of one capacity level: the base scenario with the level's values, its simulator inputs
 * (data → segment → rules → priority, cached per thread), then replications `from … to − 1` of one policy
 * through the simulator's own replication function. Replication r draws from the streams of index r under the
 * scenario's seed at every level: common random numbers, so the levels of a search are paired.
 * Runs in a sweep worker thread (worker.ts, `capacity` tasks) or inline; input and output are plain data.
 *
 * Cost: one run of the policy per replication, plus steps 1–4 once per (values, thread).
 */
import type { SimulationInputs, UpstreamResult } from '../pipeline.js';
import { simulationInputs } from '../pipeline.js';
import type { SimPolicyName } from '../scenario/sections/simulation.js';
import { metricNames, runReplication } from '../sim/index.js';
import type { EvaluateInput } from './evaluate.js';
import { variedScenario } from './evaluate.js';

/** One batch of replications of one level (values of the varied settings) under one policy. */
export interface CapacityTaskInput extends Omit<EvaluateInput, 'seed' | 'upstream'> {
  readonly policy: SimPolicyName;
  readonly from: number;
  readonly to: number;
}

/** Per replication, every simulator metric of the policy (NaN as null); and the inputs' warnings. */
export interface CapacityTaskOutput {
  readonly metrics: readonly Record<string, number | null>[];
  readonly warnings: readonly string[];
}

/** Per thread: simulator inputs of the last few levels, and segment + rules by their inputs. */
const inputsCache = new Map<string, Promise<SimulationInputs>>();
const upstreamCache = new Map<string, UpstreamResult>();
const INPUTS_CACHE_ENTRIES = 8;

/**
 * Run replications `from … to − 1` of `policy` at the task's values. Cost: (to − from) simulator runs.
 * @example
 * await evaluateCapacityTask({ scenario, scenarioFile: 's.yaml', baseDir: '.', values: { 'program.nurses': 3 },
 *   policy: 'priority_greedy', from: 0, to: 10 }); // { metrics: [10 records], warnings }
 */
export async function evaluateCapacityTask(input: CapacityTaskInput): Promise<CapacityTaskOutput> {
  if (!(Number.isInteger(input.from) && input.to > input.from)) {
    throw new Error(`evaluateCapacityTask: bad replication range ${input.from}..${input.to}`);
  }
  const loaded = variedScenario({ ...input, seed: input.scenario.seed });
  const key = JSON.stringify(loaded.scenario);
  let pending = inputsCache.get(key);
  if (!pending) {
    pending = simulationInputs(loaded, { upstreamCache });
    inputsCache.set(key, pending);
    for (const k of inputsCache.keys()) if (inputsCache.size > INPUTS_CACHE_ENTRIES) inputsCache.delete(k);
  }
  const { cohort, settings, warnings } = await pending;
  const names = metricNames(cohort, settings.withinDays);
  const metrics: Record<string, number | null>[] = [];
  for (let rep = input.from; rep < input.to; rep++) {
    const task = { cohort, settings, seed: loaded.scenario.seed, rep, policies: [input.policy], timeseries: false };
    const run = (await runReplication(task)).runs[0]!;
    const rec: Record<string, number | null> = {};
    names.forEach((n, j) => (rec[n] = Number.isFinite(run.metrics[j]!) ? run.metrics[j]! : null));
    metrics.push(rec);
  }
  return { metrics, warnings };
}
