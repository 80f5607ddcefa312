import { z } from 'zod';

/**
 * The `rules` section: how segments are turned into short readable rules.
 * Defaults come from issue 4 ("Rules"): at most 3 conditions per term, F-beta with beta = 1, a 30% held-out
 * split and 30 bootstrap refits. The remaining defaults are engineering choices documented in docs/rules.md.
 */
const preference = z.union([z.enum(['high', 'low']), z.number().min(-1_000).max(1_000)]);

export const targetSettings = z.strictObject({
  /**
   * What the program looks for, per column: `high`, `low`, or a signed weight (high = +1, low = −1).
   * Segments are ranked by the weighted sum of their standardised column means.
   */
  prefer: z.record(z.string(), preference).refine((r) => Object.keys(r).length > 0, 'name at least one column'),
  /** Number of top-ranked segments recommended as target groups. */
  groups: z.int().min(1).max(50).default(1),
});

export const rulesSection = z.strictObject({
  /** Most conditions in one term (an interval a ≤ x < b counts as one condition). Issue 4: default 3. */
  max_conditions: z.int().min(1).max(6).default(3),
  /** Most terms joined by OR; 1 = a single box per segment. */
  max_terms: z.int().min(1).max(4).default(3),
  /** F-beta objective: beta > 1 favours recall, < 1 precision. Issue 4: default 1. */
  beta: z.number().positive().max(10).default(1),
  /** Objective penalty per condition (in F units): a condition must gain more than this to stay. */
  condition_penalty: z.number().min(0).max(0.2).default(0.005),
  /** A second (third…) term is kept only if it raises the objective by at least this much. */
  min_term_gain: z.number().min(0).max(1).default(0.005),
  /**
   * Folds of the inner validation inside the fit rows that chooses each learner's (beam search, and the CART
   * surrogate's leaf paths) number of ORed terms; < 2 = choose by the in-sample objective.
   */
  inner_folds: z.int().min(0).max(20).default(5),
  /**
   * How each learner's term budget is chosen in the inner validation: `accuracy` = the budget with the best
   * validated F-beta minus `condition_penalty` × conditions; `readability` = the one-term rule unless a larger
   * budget's penalised score is clearly higher (one-sided corrected t-test, 5%). See docs/rules.md.
   */
  selection: z.enum(['accuracy', 'readability']).default('accuracy'),
  /**
   * Repeats of the inner k-fold validation with fresh folds (corrected repeated k-fold test). More repeats steady
   * the estimates and let the beam win more often; measured on the synthetic cohort: better mean held-out F1, not
   * fewer segments trailing CART (docs/rules.md). Cost grows linearly.
   */
  inner_repeats: z.int().min(1).max(10).default(1),
  /** The inner validation uses at most this many fit rows (a stratified sample); the final rule uses them all. */
  inner_max_rows: z.int().min(100).max(5_000_000).default(20_000),
  /** Beam width of the search. */
  beam_width: z.int().min(1).max(64).default(16),
  /** Global quantile cut points per column (besides each segment's own boundary quantiles). */
  quantiles: z.int().min(2).max(100).default(20),
  /** Share of patients held out (stratified by segment) for honest metrics. Issue 4: default 0.3. */
  holdout: z.number().min(0).max(0.9).default(0.3),
  /** Bootstrap refits for stability. Issue 4: default 30. 0 = skip. */
  bootstrap: z.int().min(0).max(1000).default(30),
  /** Each bootstrap refit draws this many rows at most (m-out-of-n bootstrap keeps large cohorts fast). */
  bootstrap_max_rows: z.int().min(100).max(5_000_000).default(10_000),
  /** Weight patients by their segment confidence (when given) so rules describe each segment's core. */
  weight_by_confidence: z.boolean().default(true),
  /** Also fit the IMM threshold tree, side by side (CART is always fit: it is one of the two learners). */
  baselines: z.boolean().default(true),
  /**
   * Paired bootstrap resamples of the held-out patients for the interval of held-out F1(beam) − F1(CART) that
   * decides the recommended rule (the simpler one unless the other is better beyond the 95% interval); 0 = no
   * interval, the simpler rule unless the other's F1 is higher at all. docs/rules.md.
   */
  comparison_resamples: z.int().min(0).max(100_000).default(1000),
  /** Columns the rules may use; absent = every column. */
  features: z.array(z.string().min(1)).optional(),
  /** Columns the rules must not use. */
  exclude: z.array(z.string().min(1)).default([]),
  /** The program's goal, used to rank segments and recommend target groups. */
  target: targetSettings.optional(),
});

/** Validated `rules` settings with defaults filled in. */
export type RulesSettings = z.infer<typeof rulesSection>;
