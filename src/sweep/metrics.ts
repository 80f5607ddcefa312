/**
 * What a sweep records per point: a flat set of numbers drawn from the pipeline result — the capacity check,
 * and per simulated policy the service metrics (`sim.<policy>.<metric>`, means over the simulator's
 * replications). Each later stage's metrics join here as the stage lands.
 */
import type { PipelineResult } from '../pipeline.js';

/** Metric name → value (null when the stage ran but had no value, e.g. no demand column). */
export type Metrics = Record<string, number | null>;

/** Simulator metrics a sweep records for every policy (the full list is in the simulator's policies.csv). */
export const SWEEP_SIM_METRICS = ['home_transfusions', 'home_share', 'days_below_trigger', 'nurse_utilisation', 'units_wasted', 'chair_hours_freed', 'cost_per_transfusion',
  'due_to_home_days_p50', 'due_to_home_days_p90', 'eligible_served_home_share', 'unmet_home_demand', 'nurse_paid_idle_hours',
  'chair_utilisation', 'cost_per_home_transfusion', 'cost_per_clinic_transfusion', 'home_share_segment_gap'] as const;

/** The within-N-days measure, whatever the scenario's N (`served_within_14d`). */
const SERVED_WITHIN = /^served_within_\d+d$/;

/** Metric families charted, in order; a family is a metric name without its `sim.<policy>.` prefix. */
export const PRIMARY_METRICS = ['home_transfusions', 'plan_home_transfusions', 'days_below_trigger', 'nurse_utilisation', 'home_visits_per_week'] as const;

/** `sim.<policy>.<metric>` → { policy, family }; other names are their own family. */
export function metricFamily(name: string): { family: string; policy?: string } {
  const m = /^sim\.([^.]+)\.(.+)$/.exec(name);
  return m ? { family: m[2]!, policy: m[1]! } : { family: name };
}

/**
 * Reduce a pipeline result to metrics. Cost: O(policies · metrics).
 * @example
 * sweepMetrics(await runPipeline(loaded))['sim.priority_greedy.home_transfusions'];
 */
export function sweepMetrics(r: PipelineResult): Metrics {
  const k = r.capacity;
  const out: Metrics = {
    home_visits_per_week: k.homeVisitsPerWeek,
    home_share_coverable: k.homeShareCoverable,
    demand_episodes_per_week: k.demandEpisodesPerWeek,
  };
  if (r.priority) {
    out.eligible_patients = r.priority.result.order.length;
    out.capacity_line_top_n = r.priority.capacity.topN;
  }
  if (r.plan) {
    // a plan cut short by the solver's time limit depends on machine speed: optimal = 1 says the number is exact
    out.plan_home_transfusions = r.plan.assignments.filter((a) => a.setting === 'home').length;
    out.plan_optimal = r.plan.status === 'optimal' ? 1 : 0;
  }
  for (const row of r.simulation?.table ?? []) {
    if (row.policy === 'clinic_only' && row.metric !== 'days_below_trigger') continue;
    if ((SWEEP_SIM_METRICS as readonly string[]).includes(row.metric) || SERVED_WITHIN.test(row.metric)) out[`sim.${row.policy}.${row.metric}`] = Number.isFinite(row.mean) ? row.mean : null;
  }
  return out;
}

/** Human labels for chart axes, by family. */
export const METRIC_TITLES: Readonly<Record<string, string>> = {
  home_visits_per_week: 'Home visits a week (capacity check)',
  home_share_coverable: 'Share of episodes that could move home',
  demand_episodes_per_week: 'Transfusion episodes a week (demand)',
  home_transfusions: 'Home transfusions (simulated)',
  home_share: 'Share of transfusions at home',
  days_below_trigger: 'Patient-days below the Hb trigger',
  nurse_utilisation: 'Nurse utilisation',
  units_wasted: 'Units wasted',
  chair_hours_freed: 'Clinic chair-hours freed',
  cost_per_transfusion: 'Cost per transfusion',
  eligible_patients: 'Patients eligible for home',
  capacity_line_top_n: 'Patients within capacity',
  plan_home_transfusions: 'Home transfusions in the optimised plan',
  plan_optimal: 'Plan solved to optimality (1) or cut by the time limit (0)',
};
