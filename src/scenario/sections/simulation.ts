import { z } from 'zod';

/** Policy names the simulator knows, in display order (src/sim/policies mirrors them). */
export const SIM_POLICIES = [
  'clinic_only',
  'referral',
  'distance_first',
  'frequency_first',
  'priority_greedy',
  'segment_rule',
  'lp_rolling',
] as const;
export type SimPolicyName = (typeof SIM_POLICIES)[number];

const probability = z.number().min(0).max(1);

/** Why `simulation.home_stock_units` is refused, and what replaced it (docs/model.md, Blood). */
export const HOME_STOCK_REMOVED = 'removed: the typed blood bank replaced the home fridge; set blood.stock_days '
  + '(days of stock per group at the bank) and program.home_units_per_day (units that may leave for home a day)';

/**
 * The `simulation` section: horizon, replications, policies and the transfusion model's rates. Defaults cite
 * ../shared/DOMAIN.md; *assumption* marks a value with no published source (change it per site).
 */
export const simulationSection = z
  .strictObject({
    /** Simulated days. */
    horizon_days: z.int().min(1).max(3650).default(365),
    /** Days simulated before statistics start (queues and stock settle). */
    warmup_days: z.int().min(0).max(3650).default(28),
    /** Independent replications; paired across policies by common random numbers. */
    replications: z.int().min(1).max(10_000).default(30),
    /** Pair replication 2m+1 with 2m using 1 − u (antithetic variates). */
    antithetic: z.boolean().default(false),
    /** Policies to compare (clinic_only is always added as the baseline). */
    policies: z.array(z.enum(SIM_POLICIES)).min(1).default([...SIM_POLICIES]),
    /** Days between Hb checks per patient (assumption: weekly labs while on a transfusion program). */
    lab_interval_days: z.int().min(1).max(60).default(7),
    /** Lab measurement noise, g/dL sd (assumption). */
    lab_noise_sd_g_dl: z.number().min(0).max(3).default(0.2),
    /** Cycle-to-cycle variation of each patient's Hb decline rate, log-scale sd (assumption). */
    decline_noise_sd_log: z.number().min(0).max(2).default(0.15),
    /** Per-unit increment sd, g/dL: 2 units raise 2.0 ± 0.2 (DOMAIN.md, annals 707854) → 0.2/√2 ≈ 0.14. */
    increment_sd_g_dl: z.number().min(0).max(2).default(0.14),
    /** RBC shelf life, days: 42 SAGM/AS-3, 35 CPDA-1 (DOMAIN.md, Blood logistics). */
    shelf_life_days: z.int().min(1).max(60).default(42),
    /** Age of units when delivered to the blood bank, uniform between these days (assumption). */
    release_age_min_days: z.int().min(0).max(60).default(3),
    release_age_max_days: z.int().min(0).max(60).default(21),
    /**
     * Removed: the typed blood bank replaced the home fridge (home units are crossmatched per patient and taken
     * from the bank on the visit day). A key that silently did nothing would mislead a planner, so a scenario that
     * still sets it is refused (exit 2) with a pointer to the keys that now say how much blood there is.
     */
    home_stock_units: z.never({ error: HOME_STOCK_REMOVED }).optional(),
    /**
     * Unused units out of a fridge (or an opened transport box) must be back within this many minutes: the
     * 30-minute rule (DOMAIN.md, Blood logistics); an unopened box allows `blood.transport_box_min`.
     */
    return_window_min: z.number().min(0).max(1440).default(30),
    /** Minutes at the home before a failed visit is called off (assumption). */
    failed_visit_on_site_min: z.number().min(0).max(600).default(15),
    /** Vascular-access problems per home episode: 8.5% (DOMAIN.md, South Australia nurse-led program). */
    failed_access_probability: probability.default(0.085),
    /** Reactions per RBC unit: 205.5 per 100,000 (DOMAIN.md, US haemovigilance). */
    reaction_probability_per_unit: probability.default(0.002055),
    /** Share of reactions that are severe (hospital transfer): 0.28% / 0.7% (DOMAIN.md, South Australia; derived). */
    severe_reaction_share: probability.default(0.4),
    /** Clinic no-show per booked visit (assumption: no published figure in DOMAIN.md). */
    clinic_no_show_probability: probability.default(0.03),
    /** Patient not at home or not fit on the day (assumption). */
    home_no_show_probability: probability.default(0.01),
    /** Priority points added per day a due patient has waited (the score's waiting-time term in the simulator). */
    wait_points_per_day: z.number().min(0).max(100).default(1),
    /**
     * Most days a due patient waits for a home slot before a regular clinic chair is booked (assumption: the
     * weekly lab's slack). Patients about to reach their trigger go to the clinic regardless.
     */
    max_home_wait_days: z.int().min(0).max(60).default(2),
    /** Heuristic enrolment fills this share of yearly home capacity (nurse hours and units). */
    enrolment_utilisation: z.number().positive().max(2).default(0.9),
    /** lp_rolling: re-solve every R days … */
    lp_resolve_days: z.int().min(1).max(365).default(7),
    /** … over an L-day look-ahead. */
    lp_lookahead_days: z.int().min(1).max(365).default(14),
    /**
     * lp_rolling's planner: `optimize` re-solves the optimize stage's allocation model with HiGHS (in each
     * replication's worker thread); `greedy` is the look-ahead greedy by score (fast, for quick what-ifs).
     */
    lp_planner: z.enum(['optimize', 'greedy']).default('optimize'),
    /**
     * Wall-clock limit per re-solve, seconds: a safety net set well above the measured re-solve times (≈ 0.4 CPU-s
     * on average; one in 530 took over 10 s of wall clock on a loaded machine, docs/sim.md), because a re-solve stopped by the clock makes the run
     * depend on machine speed (counted and warned). No feasible plan in time → that re-plan uses the greedy.
     */
    lp_time_limit_sec: z.number().positive().max(600).default(30),
    /** Relative MIP gap at which a re-solve may stop (as optimize.mip_gap). */
    lp_mip_gap: z.number().min(0).max(1).default(0.01),
    /**
     * Branch-and-bound nodes per re-solve (HiGHS `mip_max_nodes`): a deterministic work limit, unlike the clock.
     * 1 = the root node (LP, cuts, heuristics); measured to give the same plans' value as solving to the gap
     * (docs/sim.md) at a third of the time.
     */
    lp_max_nodes: z.int().min(1).max(1_000_000).default(1),
    /**
     * Column pre-selection: keep the best-scored candidates up to this multiple of the home visits the window
     * can hold (0 = keep all). A heuristic that keeps each re-solve small; tested equal to the unfiltered solve.
     */
    lp_candidate_multiple: z.number().min(0).max(1000).default(3),
    /** Replication 0's daily time series is written for every policy. */
    timeseries: z.boolean().default(true),
  })
  .superRefine((s, ctx) => {
    if (s.warmup_days >= s.horizon_days) {
      ctx.addIssue({ code: 'custom', path: ['warmup_days'], message: `warm-up (${s.warmup_days} days) must be shorter than the horizon (${s.horizon_days} days)` });
    }
    if (s.release_age_min_days > s.release_age_max_days) {
      ctx.addIssue({ code: 'custom', path: ['release_age_min_days'], message: 'must not exceed release_age_max_days' });
    }
    if (s.release_age_max_days >= s.shelf_life_days) {
      ctx.addIssue({ code: 'custom', path: ['release_age_max_days'], message: `units would arrive expired (shelf life ${s.shelf_life_days} days)` });
    }
    if (s.antithetic && s.replications % 2 === 1) {
      ctx.addIssue({ code: 'custom', path: ['replications'], message: 'antithetic pairs need an even number of replications' });
    }
  });

/** The validated `simulation` section. */
export type SimulationSettings = z.infer<typeof simulationSection>;
