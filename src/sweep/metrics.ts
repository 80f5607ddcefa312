/**
 * What a sweep records per point: a flat set of numbers drawn from the pipeline result. Each stage's metrics
 * join here as the stage lands (the simulator's service metrics are the main ones).
 */
import type { PipelineResult } from '../pipeline.js';

/** Metric name → value (null when the stage ran but had no value, e.g. no demand column). */
export type Metrics = Record<string, number | null>;

/** Metrics shown first in charts, best first; the rest still go to sweep.csv. */
export const PRIMARY_METRICS = ['home_visits_per_week', 'home_share_coverable'] as const;

/**
 * Reduce a pipeline result to metrics. Cost: O(1) beyond the stages' own summaries.
 * @example
 * sweepMetrics(await runPipeline(loaded)).home_visits_per_week; // 10
 */
export function sweepMetrics(r: PipelineResult): Metrics {
  const k = r.capacity;
  return {
    home_visits_per_week: k.homeVisitsPerWeek,
    home_share_coverable: k.homeShareCoverable,
    demand_episodes_per_week: k.demandEpisodesPerWeek,
    nurse_hours_per_visit: k.nurseHoursPerVisit,
  };
}

/** Human labels for chart axes. */
export const METRIC_TITLES: Readonly<Record<string, string>> = {
  home_visits_per_week: 'Home visits a week (capacity)',
  home_share_coverable: 'Share of episodes that could move home',
  demand_episodes_per_week: 'Transfusion episodes a week (demand)',
  nurse_hours_per_visit: 'Nurse hours per home visit',
};
