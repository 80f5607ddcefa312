/**
 * Relative MIP gap between a bound and an objective: |bound − objective| / max(|objective|, 1e-9) (HiGHS'
 * `mip_rel_gap` divides by the objective as well). One definition for the solver's stopping test and the plan.
 * Cost: O(1).
 * @example relativeGap(102, 100); // 0.02
 */
export function relativeGap(bound: number, objective: number): number {
  return Math.abs(bound - objective) / Math.max(Math.abs(objective), GAP_DENOMINATOR_FLOOR);
}

/** Keeps the gap finite when the objective is 0. */
const GAP_DENOMINATOR_FLOOR = 1e-9;
