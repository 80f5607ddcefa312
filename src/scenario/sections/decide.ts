import { z } from 'zod';
import { SIM_POLICIES } from './simulation.js';

/** A simulator measure name as `metricNames` spells it (checked against the run's measures before simulating). */
const measureName = z.string().min(1).max(100);

/**
 * A recommendation constraint. `non_inferior`: no worse than `reference` by more than the margin, where the
 * margin is `margin` (measure units) plus `margin_relative` × the reference policy's mean; `at_most` /
 * `at_least`: the whole interval of the measure's mean below / above `value` (e.g. cost per transfusion ≤ X).
 */
const constraintSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('non_inferior'),
    measure: measureName,
    reference: z.enum(SIM_POLICIES).default('clinic_only'),
    margin: z.number().min(0).max(1e9).default(0),
    margin_relative: z.number().min(0).max(10).default(0),
    better: z.enum(['higher', 'lower']).default('lower'),
  }),
  z.strictObject({
    kind: z.enum(['at_most', 'at_least']), measure: measureName, value: z.number().min(-1e12).max(1e12),
  }),
]);

/** A factor range `[low, high]` drawn uniformly per outer replication; `[1, 1]` leaves the input as it is. */
const factorRange = z
  .tuple([z.number().positive().max(10), z.number().positive().max(10)])
  .refine(([lo, hi]) => lo <= hi, { message: 'low must not exceed high' })
  .default([1, 1]);

/**
 * The `decide` section: what a planner asks of the service and how sure the answer must be. Read by the
 * simulator's service-level measures (`within_days`), the capacity search and the report's recommendation.
 */
export const decideSection = z.strictObject({
  /** "Served at home within N days of becoming due": the N of `served_within_<N>d` (issue 20's 14 days). */
  within_days: z.int().min(1).max(365).default(14),
  /** Service target, `"<measure> <op> <number>"`, e.g. `"served_within_14d >= 0.90"`; empty → none. */
  target: z.string().max(200).default(''),
  /** Two-sided confidence of every interval a decision is judged by. */
  confidence: z.number().gt(0).lt(1).default(0.95),
  /** The recommendation's objective: the measure to maximise or minimise over the admissible policies. */
  objective: z
    .strictObject({ measure: measureName.default('home_transfusions'), sense: z.enum(['max', 'min']).default('max') })
    .prefault({}),
  /**
   * Constraints every recommended policy must meet. Default: patient-days below the safety floor no worse than
   * clinic_only by more than 10% of clinic_only's mean (*assumption*: a planning margin, no published figure).
   */
  constraints: z
    .array(constraintSchema)
    .max(20)
    .default([{
      kind: 'non_inferior', measure: 'days_below_floor', reference: 'clinic_only', margin: 0, margin_relative: 0.1,
      better: 'lower',
    }]),
  /**
   * Input uncertainty as outer replications (0 = off): each outer replication resamples the cohort's patients
   * (when `bootstrap_patients`) and draws each factor uniformly from its range, then runs the simulator's
   * replications (inner) on it. Factors multiply visit time (hours per unit, observation, set-up), the
   * failed-access probability, both no-show probabilities and every patient's Hb decline rate.
   */
  uncertainty: z
    .strictObject({
      outer_replications: z.int().min(0).max(1000)
        .refine((v) => v !== 1, { message: 'use 0 (off) or at least 2 outer replications' }).default(0),
      bootstrap_patients: z.boolean().default(true),
      visit_time_factor: factorRange,
      failure_rate_factor: factorRange,
      no_show_rate_factor: factorRange,
      decline_rate_factor: factorRange,
    })
    .prefault({}),
});

export type DecideSettings = z.infer<typeof decideSection>;
/** One `decide.constraints` entry as validated. */
export type DecideConstraint = DecideSettings['constraints'][number];
/** The validated `decide.uncertainty` block. */
export type UncertaintySettings = DecideSettings['uncertainty'];
