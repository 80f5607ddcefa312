/**
 * The names a service target may use (`--target`, `decide.target`): every metric of the policy table, with the
 * within-N-days measure named for the scenario's `decide.within_days`.
 *
 * Cost: O(metrics).
 */
import { BASE_METRICS } from './model/metrics.js';

/**
 * The metric name of "served at home within N days of becoming due".
 * @example
 * servedWithinName(14); // 'served_within_14d'
 */
export function servedWithinName(withinDays: number): string {
  return `served_within_${withinDays}d`;
}

/**
 * Every measure a target may name, for a scenario's `decide.within_days`. O(metrics).
 * @example
 * serviceMeasureNames(14).includes('served_within_14d'); // true once the simulator records it
 */
export function serviceMeasureNames(withinDays: number): string[] {
  return (BASE_METRICS as readonly string[]).map((m) => (m === 'served_within' ? servedWithinName(withinDays) : m));
}
