import { z } from 'zod';

/**
 * The `optimize` section: the allocation model of home and clinic transfusions over a horizon of days
 * (see docs/optimize.md). Hb thresholds cite ../shared/DOMAIN.md (Haemoglobin dynamics).
 */
export const optimizeSection = z.strictObject({
  /** Days planned, day 1 = the first day after the data extract. */
  horizon_days: z.int().min(1).max(366).default(28),
  /** Weekday of day 1 (1 = Monday … 7 = Sunday); working days come from `program.working_days`. */
  start_weekday: z.int().min(1).max(7).default(1),
  /**
   * `home`: maximise priority-weighted home transfusions (penalties converted to points by `home_value`);
   * `cost`: minimise total cost (costs section); `mix`: minimise cost − home_value × priority-weighted home
   * transfusions.
   */
  objective: z.enum(['home', 'cost', 'mix']).default('home'),
  /**
   * Worth of one priority point (scores are 0–100) of a home transfusion, in cost units (assumption: a score-50
   * patient's home transfusion is worth 250, about a third of a clinic transfusion's cost). `mix` uses it; `home`
   * divides the overflow and lateness penalties by it to express them in points.
   */
  home_value: z.number().positive().max(1_000_000).default(5),
  /** `auto` picks javascript-lp-solver for small models and HiGHS above `auto_jsl_max_cols` columns. */
  solver: z.enum(['auto', 'jsl', 'highs']).default('auto'),
  /** Largest model (columns) `auto` gives to javascript-lp-solver (measured, docs/optimize.md). */
  auto_jsl_max_cols: z.int().min(0).max(10_000).default(300),
  /**
   * Wall-clock guard in seconds (a worker guard stops the solver shortly after). A plan it cuts is `time_limit`
   * and reported as load-dependent; the limits that decide results are `max_nodes` and `max_simplex_iterations`.
   * 600 s: far above the solve times measured (docs/optimize.md), because on a shared machine wall time ran 5–10×
   * the CPU time (60 patients: 2–3 CPU-s, up to 49 s of wall clock with 6 jobs on 2 cores).
   */
  time_limit_sec: z.number().positive().max(86_400).default(600),
  /**
   * HiGHS branch-and-bound nodes per MIP run (`mip_max_nodes`): a deterministic work limit — the plan it stops
   * at (status `work_limit`) is the same on any machine. Assumption, not measured per model size: high enough
   * that LP-guided fixing (docs/optimize.md) is never cut, low enough to stop a hard full MIP long before 30 s.
   */
  max_nodes: z.int().min(1).max(100_000_000).default(5_000),
  /** HiGHS simplex iterations per run (`simplex_iteration_limit`), deterministic; the default never binds in practice. */
  max_simplex_iterations: z.int().min(1).max(2_000_000_000).default(10_000_000),
  /** Relative MIP gap at which the solver may stop. */
  mip_gap: z.number().min(0).max(1).default(0.01),
  /** No transfusion while Hb is above trigger + margin (0.5 g/dL as measured in ../shared/MODELING.md). */
  early_margin_g_dl: z.number().min(0).max(10).default(0.5),
  /** A patient already below the floor on day 1 must be transfused within this many days (late, penalised). */
  overdue_grace_days: z.int().min(1).max(366).default(3),
  /**
   * The day-dependent objective: each day a home visit comes after the first day of its window costs the Hb
   * the patient loses that day (decline g/dL a day, so faster-falling patients count more) at this many priority
   * points a g/dL (× home_value in cost units) — so among days of equal worth the earliest is chosen
   * (src/service/timing.ts). Assumption: 1 point a g/dL, small beside a home transfusion's 0–100 points.
   */
  delay_points_per_g_dl: z.number().min(0).max(1000).default(1),
  /**
   * Chained trips (two home visits on one trip, src/service/chain.ts) where the scenario's `routing` gives where
   * patients live: each eligible patient offers the model this many nearest partners (a column per pair and
   * day). 0 plans round trips only. Assumption, a model-size knob: 4 keeps the 2,000-eligible model within
   * the bench's 30 s (docs/optimize.md); the simulator's roster may chain any two visits of a day. At most 8:
   * 2,000 eligible homes at one spot with 50 gave 723k columns and 1.9 GB, with 8 149k columns and 270 MB.
   */
  chain_neighbours: z.int().min(0).max(8).default(4),
});

export type OptimizeSettings = z.infer<typeof optimizeSection>;
