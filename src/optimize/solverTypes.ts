/** What every solver adapter returns, before the TypeScript re-check. */
import type { PlanStatus } from './types.js';

/** Group code of a column shared by two groups (a chained trip covers two episodes): see {@link SolveOptions.groups}. */
export const FIX_IF_INTEGRAL = -2;

export interface SolveOptions {
  readonly timeLimitSec: number;
  readonly mipGap: number;
  /**
   * Column → group (an episode: its columns sum to ≤ 1), −1 for none. When given, HiGHS first solves the LP
   * relaxation, fixes every group the LP settles integrally and solves the small residual MIP (LP-guided
   * fixing); the full MIP runs only if that misses the gap. {@link FIX_IF_INTEGRAL} marks a column of two groups
   * (a chained trip): fixed at its LP value when that is integral, else left free.
   */
  readonly groups?: Int32Array;
  /**
   * HiGHS only: most branch-and-bound nodes per MIP run (`mip_max_nodes`), a deterministic work limit; reaching
   * it is reported as `work_limit` with the incumbent. Undefined = unlimited.
   */
  readonly maxNodes?: number;
  /** HiGHS only: most simplex iterations per run (`simplex_iteration_limit`), deterministic; undefined = unlimited. */
  readonly maxSimplexIterations?: number;
  /**
   * HiGHS only: `replan` is the simulator's rolling re-solve profile (small, repeated thousands of times):
   * presolve and primal heuristics off, and the solve stops at the LP-fixed plan (no full MIP pass) — see
   * `REPLAN_OPTIONS` in solveHighs.ts. Default `full`.
   */
  readonly profile?: 'full' | 'replan';
}

export interface SolverOutcome {
  /** The solver's own verdict; the re-check may still downgrade it to `error`. */
  readonly status: PlanStatus;
  /** Column values, or null when the solver returned no integer solution. */
  readonly x: Float64Array | null;
  /** Best proven bound (null when unknown). */
  readonly bound: number | null;
  readonly seconds: number;
  /** The wall clock (time limit or guard) stopped a solve on the way: the outcome can differ with machine load. */
  readonly clock?: boolean;
  readonly message?: string;
  /** How the solution was found, e.g. `lp-fix` or `mip` (for the bench and the docs). */
  readonly method?: string;
}
