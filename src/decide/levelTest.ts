/**
 * One level's sequential test: replicate in growing batches (n0, n0·g, n0·g², …, cap) and, after each batch,
 * compute a two-sided Student-t interval for the mean at level 1 − α_look. The level is *feasible* when the
 * whole interval meets the target, *infeasible* when none of it does, *undecided* when the cap is reached first.
 *
 * Soundness: a test that looks K times has error ≤ K·α_look by the Bonferroni inequality (a group-sequential
 * test with a Bonferroni bound; Jennison & Turnbull 2000, §2; the plain "add replications until the interval
 * is narrow enough" rule of Law 2015, §9.4.1, under-covers without it). The caller splits its α over levels.
 *
 * The test is written as a generator: it yields {@link ReplicationRequest}s and receives their values, so a
 * synchronous loop, a worker pool or a resumable sweep can all drive it (see `drive.ts`).
 *
 * Cost: O(n) per look; at most K looks and `cap` replications.
 */
import { meanCi } from '../stats/index.js';
import type { Target } from './target.js';
import { meets } from './target.js';

/** Ask for replications `from … to − 1` (0-based) of `level`; the same index means the same random streams. */
export interface ReplicationRequest {
  readonly level: number;
  readonly from: number;
  readonly to: number;
}

export type Verdict = 'feasible' | 'infeasible' | 'undecided';

/** What one level's test found. */
export interface LevelRecord {
  readonly level: number;
  readonly replications: number;
  readonly mean: number;
  readonly sd: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Two-sided confidence of the interval above (1 − α_look). */
  readonly intervalConfidence: number;
  readonly verdict: Verdict;
  readonly looks: number;
  /** The values, replication index order (kept for paired comparisons under common random numbers). */
  readonly values: readonly number[];
}

/** How a level is replicated and judged. */
export interface LevelPlan {
  readonly target: Pick<Target, 'op' | 'value'>;
  /** Replication counts after each look, increasing, e.g. [10, 20, 40, 80, 160, 320]. */
  readonly schedule: readonly number[];
  /** Two-sided error of one look's interval. */
  readonly alphaPerLook: number;
}

/**
 * The look schedule n0, ⌈n0·g⌉, … capped at `cap` (the cap is always the last look).
 * @example
 * lookSchedule(10, 320, 2); // [10, 20, 40, 80, 160, 320]
 */
export function lookSchedule(n0: number, cap: number, growth: number): number[] {
  if (!(Number.isInteger(n0) && n0 >= 2)) throw new Error(`lookSchedule: n0 must be an integer ≥ 2, got ${n0}`);
  if (!(Number.isInteger(cap) && cap >= n0)) throw new Error(`lookSchedule: cap must be an integer ≥ n0, got ${cap}`);
  if (!(growth > 1)) throw new Error(`lookSchedule: growth must be > 1, got ${growth}`);
  const out: number[] = [];
  for (let n = n0; n < cap; n = Math.max(n + 1, Math.ceil(n * growth))) out.push(n);
  out.push(cap);
  return out;
}

/**
 * Judge an interval against the target: all of it meets → feasible, none of it → infeasible, else undecided.
 * @example
 * judge({ op: '>=', value: 0.9 }, 0.91, 0.95); // 'feasible'
 */
export function judge(target: Pick<Target, 'op' | 'value'>, ciLow: number, ciHigh: number): Verdict {
  const low = meets(target, ciLow), high = meets(target, ciHigh);
  if (low && high) return 'feasible';
  if (!low && !high) return 'infeasible';
  return 'undecided';
}

/**
 * Run one level's sequential test (a generator: yields requests, receives their values, returns the record).
 * @example
 * const gen = testLevel(4, { target: { op: '>=', value: 0.9 }, schedule: [10, 20], alphaPerLook: 0.01 });
 * gen.next(); // { value: { level: 4, from: 0, to: 10 }, done: false }
 */
export function* testLevel(
  level: number, plan: LevelPlan,
): Generator<ReplicationRequest, LevelRecord, readonly number[]> {
  const values: number[] = [];
  const confidence = 1 - plan.alphaPerLook;
  let looks = 0;
  let record: LevelRecord | undefined;
  for (const n of plan.schedule) {
    const got = yield { level, from: values.length, to: n };
    if (got.length !== n - values.length) {
      throw new Error(`testLevel: asked for ${n - values.length} values of level ${level}, got ${got.length}`);
    }
    for (const v of got) {
      if (!Number.isFinite(v)) throw new Error(`testLevel: level ${level} returned a non-finite value ${v}`);
      values.push(v);
    }
    looks++;
    const ci = meanCi(values, { level: confidence });
    const verdict = judge(plan.target, ci.ciLow, ci.ciHigh);
    record = { level, replications: n, mean: ci.mean, sd: ci.sd, ciLow: ci.ciLow, ciHigh: ci.ciHigh,
      intervalConfidence: confidence, verdict, looks, values: values.slice() };
    if (verdict !== 'undecided') return record;
  }
  if (!record) throw new Error('testLevel: empty schedule');
  return record;
}
