import { z } from 'zod';

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
});

export type DecideSettings = z.infer<typeof decideSection>;
