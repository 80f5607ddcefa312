/**
 * One replication: every requested policy on the same random streams (common random numbers). This is the
 * unit of work a worker thread runs; its input and output are plain, structured-cloneable data.
 *
 * Cost: policies × one run (see model/run.ts).
 */
import { streams } from '../random/index.js';
import type { SimPolicyName } from '../scenario/sections/simulation.js';
import { runMetrics } from './model/metrics.js';
import { runRandom } from './model/random.js';
import type { BloodFlows, DaySeries, PatientTotals, RunChecks, UnitFlows } from './model/result.js';
import { simulateRun } from './model/run.js';
import type { ServiceSettings, SimCohort } from './model/types.js';
import type { RollingPlanner } from './policies/index.js';
import { policyFactory } from './policies/index.js';

export interface ReplicationTask {
  readonly cohort: SimCohort;
  readonly settings: ServiceSettings;
  readonly seed: number;
  readonly rep: number;
  readonly policies: readonly SimPolicyName[];
  /** Keep the daily series (replication 0). */
  readonly timeseries: boolean;
}

export interface PolicyRun {
  readonly policy: SimPolicyName;
  /** Aligned with `metricNames(cohort)`. */
  readonly metrics: Float64Array;
  readonly flows: UnitFlows;
  readonly checks: RunChecks;
  readonly series: DaySeries | undefined;
  readonly events: number;
  /** Wall-clock seconds of this run in its thread (for benchmarks; never written to the CSVs). */
  readonly seconds: number;
  /** The policy's own counters (lp_rolling: re-plans by method), or undefined. */
  readonly policyStats: Readonly<Record<string, number>> | undefined;
  /** The blood bank's flows per ABO/Rh group (whole run). */
  readonly blood: BloodFlows;
  /** clinic_only's per-patient totals after the warm-up (face validity); undefined for other policies. */
  readonly patientTotals?: PatientTotals | undefined;
}

export interface ReplicationResult {
  readonly rep: number;
  readonly runs: readonly PolicyRun[];
}

/**
 * Run replication `task.rep` for every policy. lp_rolling's planner is `planner` when given (inline callers),
 * else the one `settings.sim.lp_planner` names, built here — in the worker thread that runs the replication.
 * @example await runReplication({ cohort, settings, seed: 42, rep: 0, policies: ['clinic_only'], timeseries: false });
 */
export async function runReplication(task: ReplicationTask, planner?: RollingPlanner): Promise<ReplicationResult> {
  const rngs = streams(task.seed);
  const runs: PolicyRun[] = [];
  for (const policy of task.policies) {
    const random = runRandom(rngs, task.rep, task.settings.sim.antithetic);
    const t0 = performance.now();
    const r = await simulateRun({ cohort: task.cohort, settings: task.settings, factory: policyFactory(policy, planner), random, policyName: policy, timeseries: task.timeseries, patientTotals: policy === 'clinic_only' });
    runs.push({ policy, metrics: runMetrics(r, task.cohort, task.settings), flows: r.flows, checks: r.checks, series: r.series, events: r.events, seconds: (performance.now() - t0) / 1000, policyStats: r.policyStats, blood: r.blood, patientTotals: r.patientTotals });
  }
  return { rep: task.rep, runs };
}
