/**
 * Simulate: a discrete-event model of the home / clinic transfusion service and a policy comparison with
 * confidence intervals. Entry point: {@link simulatePolicies}.
 */
export * from './simulate.js';
export * from './tables.js';
export * from './summarize.js';
export * from './replication.js';
export { runReplications, workerFile } from './parallel.js';
export * from './inputUncertainty.js';
export * from './model/types.js';
export * from './model/cohort.js';
export * from './model/metrics.js';
export type { RunResult, RunCounters, RunChecks, UnitFlows, DaySeries, PatientTotals } from './model/result.js';
export { simulateRun } from './model/run.js';
export type { RunOptions } from './model/run.js';
export { urgencyPoints, visitHoursOf } from './model/cohort.js';
export { runRandom } from './model/random.js';
export * from './policies/index.js';
export { emptyTrace, WAIT_CROSSMATCH, WAIT_HOME, WAIT_CLINIC_FULL, WAIT_REBOOK, WAIT_REASONS, WAITING_METRICS } from './model/waiting.js';
export type { RunTrace } from './model/waiting.js';
export * from './baseline.js';
export * from './measures.js';
