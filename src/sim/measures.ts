/**
 * The names a service target may use (`--target`, `decide.target`): every fixed metric of the policy table and
 * the within-N-days measure named for the scenario's `decide.within_days`.
 *
 * Cost: O(metrics).
 */
import { BASE_METRICS, servedWithinName } from './model/metrics.js';

/**
 * Every measure a target may name, for a scenario's `decide.within_days`. O(metrics).
 * @example
 * serviceMeasureNames(14).includes('served_within_14d'); // true
 */
export function serviceMeasureNames(withinDays: number): string[] {
  return [...BASE_METRICS, servedWithinName(withinDays)];
}
