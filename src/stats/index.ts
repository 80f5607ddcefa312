/**
 * The one statistics module: simple-statistics for what it has (quantiles, median, mean, variance), our own
 * code only for what it lacks (the Student t quantile) and for replication intervals.
 */
export * from './tQuantile.js';
export * from './quantile.js';
export * from './meanCi.js';
/** simple-statistics' compensated mean (throws on an empty list). */
export { mean } from 'simple-statistics';
export * from './select.js';
