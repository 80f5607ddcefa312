/**
 * The simulator's library entry point: run replications × policies (in parallel when asked) and summarise.
 *
 * Cost: replications × policies × one run (≈ n·H/7 lab events + H service days each), divided over workers.
 */
import type { Scenario } from '../scenario/schema.js';
import { SIM_POLICIES } from '../scenario/sections/simulation.js';
import type { SimPolicyName } from '../scenario/sections/simulation.js';
import { metricNames } from './model/metrics.js';
import type { ServiceSettings, SimCohort, SimCosts } from './model/types.js';
import type { BaselineHistory } from './baseline.js';
import { baselineHistory } from './baseline.js';
import { runReplications } from './parallel.js';
import type { RollingPlanner } from './policies/index.js';
import { emptyRollingStats } from './policies/index.js';
import type { ReplicationResult, ReplicationTask } from './replication.js';
import type { DifferenceRow, PolicyMetricRow } from './summarize.js';
import { bestHeuristic, pairedDifferences, summarizePolicies } from './summarize.js';

export interface SimulateOptions {
  /** Worker threads (0/1 = inline). Results are identical for any value. */
  readonly workers?: number;
  /** Override the scenario's policy list (clinic_only is always added first). */
  readonly policies?: readonly SimPolicyName[];
  /** Override the scenario's replication count. */
  readonly replications?: number;
  /**
   * A custom lp_rolling planner (a function: forces inline runs). Without it each worker builds the planner
   * `simulation.lp_planner` names (default: the optimize model with HiGHS).
   */
  readonly rollingPlanner?: RollingPlanner;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SimulationResult {
  readonly policies: readonly SimPolicyName[];
  readonly metrics: readonly string[];
  /** Mean and 95% CI per policy and metric. */
  readonly table: readonly PolicyMetricRow[];
  /** Paired differences vs clinic_only and vs the best heuristic. */
  readonly differences: readonly DifferenceRow[];
  readonly bestHeuristic: SimPolicyName | undefined;
  /** Per replication, per policy (ordered by replication, then policy). */
  readonly replications: readonly ReplicationResult[];
  readonly warnings: readonly string[];
  readonly events: number;
  /** lp_rolling's re-plans summed over replications (undefined when lp_rolling was not run). */
  readonly lpRolling: LpRollingSummary | undefined;
  /** clinic_only's per-patient history averaged over replications (face validity); undefined without it. */
  readonly baseline?: BaselineHistory | undefined;
}

/** How lp_rolling planned, summed over replications. */
export interface LpRollingSummary {
  /** `optimize` (the allocation model, HiGHS), `greedy`, or `custom` (a planner passed in). */
  readonly planner: 'optimize' | 'greedy' | 'custom';
  readonly replans: number;
  /** Re-plans solved to the gap / stopped at the time limit with a feasible plan / fell back to the greedy. */
  readonly optimal: number;
  /** Re-plans stopped at simulation.lp_max_nodes with a feasible plan (deterministic). */
  readonly nodeLimit: number;
  readonly timeLimit: number;
  readonly fallback: number;
  /** Re-plans with no candidate, and re-plans made by the greedy planner. */
  readonly empty: number;
  readonly greedy: number;
  /** Mean candidates per non-empty re-plan, and mean modelled after column pre-selection. */
  readonly meanCandidates: number;
  readonly meanModelled: number;
}

/** Warn when the baseline needs this share of extra chair-hours beyond capacity. */
export const CHAIR_SHORTFALL_WARN = 0.1;

/** Scenario sections → the model's settings. */
export function settingsFromScenario(scenario: Scenario): ServiceSettings {
  return {
    program: scenario.program,
    costs: simCosts(scenario.costs as Record<string, unknown>),
    sim: scenario.simulation,
    lpModel: { costs: scenario.costs, optimize: scenario.optimize },
    timing: { crossmatch_lead_working_days: scenario.clinical.crossmatch_lead_working_days, crossmatch_valid_days: scenario.clinical.crossmatch_valid_days },
    blood: scenario.blood,
    regimen: scenario.regimen,
    withinDays: scenario.decide.within_days,
  };
}

/** Read the `costs` section (owned by optimize); a missing field counts 0 and is named in the docs. */
function simCosts(c: Record<string, unknown>): SimCosts {
  const num = (k: string): number => (typeof c[k] === 'number' ? (c[k] as number) : 0);
  return {
    unitCost: num('unit_cost'), chairHourCost: num('chair_hour_cost'), overflowPenaltyPerChairHour: num('overflow_penalty_per_chair_hour'), nurseHourCost: num('nurse_hour_cost'), overtimeHourCost: num('overtime_hour_cost'),
    nurseCostPerKm: num('nurse_cost_per_km'), patientCostPerKm: num('patient_cost_per_km'), patientCostPerHour: num('patient_cost_per_hour'),
    hospitalTransferCost: num('hospital_transfer_cost'),
  };
}

/** clinic_only first, then the requested policies in the canonical order, without duplicates. */
export function policyList(requested: readonly SimPolicyName[]): SimPolicyName[] {
  return SIM_POLICIES.filter((p) => p === 'clinic_only' || requested.includes(p));
}

/**
 * Simulate every policy over `replications` replications with common random numbers and summarise.
 * @example const res = await simulatePolicies(cohort, settingsFromScenario(scenario), scenario.seed, { workers: 2 });
 */
export async function simulatePolicies(cohort: SimCohort, settings: ServiceSettings, seed: number, opts: SimulateOptions = {}): Promise<SimulationResult> {
  const policies = policyList(opts.policies ?? settings.sim.policies);
  const replications = opts.replications ?? settings.sim.replications;
  if (!Number.isInteger(replications) || replications < 1) throw new Error(`simulatePolicies: replications must be ≥ 1, got ${replications}`);
  if (settings.sim.antithetic && replications % 2 === 1) throw new Error(`simulatePolicies: antithetic pairs need an even number of replications, got ${replications}`);
  const tasks: ReplicationTask[] = Array.from({ length: replications }, (_, rep) => ({
    cohort, settings, seed, rep, policies, timeseries: rep === 0 && settings.sim.timeseries,
  }));
  const reps = await runReplications(tasks, {
    workers: opts.workers ?? 0,
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.rollingPlanner ? { planner: opts.rollingPlanner } : {}),
  });
  const metrics = metricNames(cohort, settings.withinDays);
  const pairing = { antitheticPairs: settings.sim.antithetic };
  const table = summarizePolicies(reps, policies, metrics, pairing);
  const best = bestHeuristic(table);
  const warnings: string[] = [];
  if (replications < 2) warnings.push('one replication: confidence intervals collapse to the mean');
  if (cohort.eligible.every((e) => e === 0)) warnings.push('no patient is eligible for home transfusion');
  let beyond = 0;
  for (const r of reps) for (const run of r.runs) beyond = Math.max(beyond, run.checks.arrivalsBeyondPool);
  if (beyond > 0) warnings.push(`open cohort: up to ${beyond} arrivals in a run fell beyond the pre-drawn pool and were not simulated`);
  const mean = (policy: string, metric: string): number => table.find((r) => r.policy === policy && r.metric === metric)?.mean ?? Number.NaN;
  const overflow = mean('clinic_only', 'chair_hours_overflow'), used = mean('clinic_only', 'chair_hours_used');
  if (overflow > CHAIR_SHORTFALL_WARN * used) {
    warnings.push(`clinic chairs are short: under clinic_only, extra sessions add ${Math.round((100 * overflow) / used)}% to the regular chair-hours (program.clinic_chairs × clinic_hours_per_day)`);
  }
  let events = 0;
  for (const r of reps) for (const run of r.runs) events += run.events;
  const lpRolling = policies.includes('lp_rolling') ? lpRollingSummary(reps, opts.rollingPlanner ? 'custom' : settings.sim.lp_planner) : undefined;
  if (lpRolling && lpRolling.fallback > 0) {
    warnings.push(`lp_rolling: ${lpRolling.fallback} of ${lpRolling.replans} re-plans found no feasible plan within simulation.lp_time_limit_sec = ${settings.sim.lp_time_limit_sec} s and used the greedy planner (results then depend on machine speed)`);
  }
  if (lpRolling && lpRolling.timeLimit > 0) {
    warnings.push(`lp_rolling: ${lpRolling.timeLimit} of ${lpRolling.replans} re-plans stopped at simulation.lp_time_limit_sec = ${settings.sim.lp_time_limit_sec} s with a feasible plan above the gap (results then depend on machine speed)`);
  }
  const counted = settings.sim.horizon_days - Math.min(settings.sim.warmup_days, settings.sim.horizon_days);
  const baseline = baselineHistory(reps, counted);
  return { policies, metrics, table, differences: pairedDifferences(reps, policies, metrics, best, pairing), bestHeuristic: best, replications: reps, warnings, events, lpRolling, baseline };
}

/** Sum lp_rolling's per-run counters over replications. O(replications · policies). */
export function lpRollingSummary(reps: readonly ReplicationResult[], planner: LpRollingSummary['planner']): LpRollingSummary {
  const sum = emptyRollingStats();
  for (const r of reps) {
    const st = r.runs.find((run) => run.policy === 'lp_rolling')?.policyStats;
    if (!st) continue;
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += st[k] ?? 0;
  }
  const planned = sum.replans - sum.empty;
  const { candidates, modelled, ...counts } = sum;
  return { planner, ...counts, meanCandidates: planned > 0 ? candidates / planned : 0, meanModelled: planned > 0 ? modelled / planned : 0 };
}
