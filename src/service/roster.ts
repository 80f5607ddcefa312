/**
 * One day's nurses and what each has left: a visit is given to the first nurse whose day it fits (hours
 * within shift + overtime cap, visits within the per-nurse maximum), never to a pooled budget. The simulator
 * books with it and lp_rolling's greedy planner plans with it.
 *
 * With a {@link ChainRule} (the scenario gives coordinates or a travel matrix), a nurse whose day holds one
 * visit may take a second one chained on the same trip (chain.ts) when the chain fits her day; her hours then
 * become the chain's. Without one every visit is a round trip, as before.
 *
 * Cost: O(nurses) per placement.
 */
import type { ProgramSettings } from '../scenario/sections/program.js';
import type { ChainRule } from './chain.js';
import { HOURS_TOLERANCE, nurseDayLimitHours } from './visit.js';

export class NurseRoster {
  /** Hours booked per nurse today. */
  readonly hours: Float64Array;
  /** Visits booked per nurse today. */
  readonly visits: Int32Array;
  /** Patient of each nurse's first visit today (−1: none, or not given). */
  readonly first: Int32Array;
  /** Patient each nurse visits second on a chain with her first today (−1: none). */
  readonly second: Int32Array;
  /** Visits booked as the second stop of a chain today. */
  chains = 0;
  private readonly limit: number;
  private readonly maxVisits: number;

  /** A roster for `nurses` nurses (0 on a non-working day), all free; `chain` allows two visits on one trip. */
  constructor(program: ProgramSettings, readonly nurses: number, private readonly chain?: ChainRule) {
    this.hours = new Float64Array(nurses);
    this.visits = new Int32Array(nurses);
    this.first = new Int32Array(nurses).fill(-1);
    this.second = new Int32Array(nurses).fill(-1);
    this.limit = nurseDayLimitHours(program);
    this.maxVisits = program.max_visits_per_nurse_per_day;
  }

  /** Nurse k's hours after adding patient `patient`'s visit of `visitHours`: chained when shorter. */
  private hoursAfter(k: number, visitHours: number, patient: number): number {
    const roundTrip = this.hours[k]! + visitHours;
    if (!this.chain || patient < 0 || this.visits[k] !== 1 || this.first[k]! < 0) return roundTrip;
    const chained = this.chain.hours(this.first[k]!, patient);
    return chained < roundTrip ? chained : roundTrip; // NaN (no chain) compares false
  }

  /** The first nurse who can take a visit of `visitHours` (of `patient`, for chaining), or −1. */
  nurseFor(visitHours: number, patient = -1): number {
    for (let k = 0; k < this.nurses; k++) {
      if (this.visits[k]! >= this.maxVisits) continue;
      if (this.hoursAfter(k, visitHours, patient) <= this.limit + HOURS_TOLERANCE) return k;
    }
    return -1;
  }

  /**
   * Book a visit with the first nurse it fits; returns the nurse or −1 (nothing booked).
   * @example new NurseRoster(program, 2).place(9.2); // 0
   */
  place(visitHours: number, patient = -1): number {
    const k = this.nurseFor(visitHours, patient);
    if (k < 0) return k;
    const after = this.hoursAfter(k, visitHours, patient);
    if (after < this.hours[k]! + visitHours) { this.chains++; this.second[k] = patient; }
    if (this.visits[k] === 0) this.first[k] = patient;
    this.hours[k] = after;
    this.visits[k]!++;
    return k;
  }
}
