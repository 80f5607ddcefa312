/**
 * The one interface every policy implements. A policy sees the day's due patients and books each at home or in
 * the clinic (or leaves them waiting). The model enforces capacity: `home(i)` and `clinic(i)` return false
 * when the booking does not fit. Patients still waiting whose Hb is projected to reach the trigger before the
 * next service day are sent to the clinic by the model (the same safety net for every policy; beyond the
 * chair capacity it opens an extra session, counted as overflow).
 */
import type { Rng } from '../../random/index.js';
import type { ServiceSettings, SimCohort } from '../model/types.js';

export interface DayContext {
  /** Day index (0 = first simulated day, a Monday). */
  readonly day: number;
  /** Due patients not yet booked, in the order they became due. */
  readonly due: readonly number[];
  /** Days since patient i became due. */
  waitingDays(i: number): number;
  /** Day by which patient i should be transfused (Hb projected at the trigger). */
  needBy(i: number): number;
  /** Eligible for home and not withdrawn after a severe reaction. */
  homeAllowed(i: number): boolean;
  /** Book a home visit today; false when nurse hours, visits or units do not allow it. */
  home(i: number): boolean;
  /** Book a clinic chair today; false when chair-hours are used up. */
  clinic(i: number): boolean;
  /** Day of patient i's last lab (−1 before the first; for look-ahead policies). */
  lastLabDay(i: number): number;
  /** Hb measured at patient i's last lab. */
  lastLabHb(i: number): number;
  /**
   * First day patient i could be transfused under the clinical timing (src/service/timing.ts): when due, the day
   * their crossmatch sample is ready; otherwise the ready day after their next lab, should it find them due.
   */
  earliestDay(i: number): number;
}

/** What a policy gets once per run. */
export interface PolicySetup {
  readonly cohort: SimCohort;
  readonly settings: ServiceSettings;
  /** The policy's own stream (`sim/rep/<r>/policy/<name>`), e.g. for a random referral order. */
  readonly rng: Rng;
  /** Nurse hours of one home visit for patient i. */
  readonly visitHours: Float64Array;
}

export interface Policy {
  readonly name: string;
  /** false: the policy never books a home visit (clinic_only), so nobody is held for a home slot. */
  readonly usesHome?: boolean;
  /**
   * Optional work before a working day's bookings (after that day's labs), e.g. a rolling re-plan; may be
   * asynchronous (an LP solve). The model awaits it.
   */
  beforeDay?(ctx: DayContext): void | Promise<void>;
  /**
   * Open cohort: patient i joined the cohort at time t (called as it happens, before its first lab); e.g. an
   * enrolment list takes the arrival in. Arrivals and departures come from the replication's own streams, the
   * same for every policy.
   */
  arrive?(i: number, t: number): void;
  /** Open cohort: patient i left the cohort at time t (death or discharge); e.g. its home place is freed. */
  leave?(i: number, t: number): void;
  /** Decide today's bookings. */
  plan(ctx: DayContext): void;
  /** Counters the policy keeps about itself (e.g. lp_rolling's re-plans), read once at the end of the run. */
  stats?(): Readonly<Record<string, number>>;
}

export type PolicyFactory = (setup: PolicySetup) => Policy;
