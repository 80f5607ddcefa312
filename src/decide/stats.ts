/**
 * The statistics `src/decide/` borrows, in one place so a shared statistics module can replace them with a
 * one-line change: the Student-t quantile and the mean with its t-interval already live in the simulator's
 * engine (`src/sim/engine/stats.ts`), the sample quantile in simple-statistics. Nothing is computed here.
 *
 * Cost: see the re-exported functions (`tQuantile` ≈ 60 incomplete-beta evaluations, cached; `meanCi` O(n);
 * `quantileSorted` O(1) on a sorted array).
 * @example
 * tQuantile(0.975, 10); // 2.2281…
 */
export { meanCi, tQuantile } from '../sim/engine/stats.js';
export type { MeanCi } from '../sim/engine/stats.js';
export { quantileSorted } from 'simple-statistics';
