/**
 * One day's nurses and what each has left: a visit is given to the first nurse whose day it fits (hours
 * within shift + overtime cap, visits within the per-nurse maximum), never to a pooled budget. The simulator
 * books with it and lp_rolling's greedy planner plans with it.
 *
 * Cost: O(nurses) per placement.
 */
import type { ProgramSettings } from '../scenario/sections/program.js';
import { HOURS_TOLERANCE, nurseDayLimitHours } from './visit.js';

export class NurseRoster {
  /** Hours booked per nurse today. */
  readonly hours: Float64Array;
  /** Visits booked per nurse today. */
  readonly visits: Int32Array;
  private readonly limit: number;
  private readonly maxVisits: number;

  /** A roster for `nurses` nurses (0 on a non-working day), all free. */
  constructor(program: ProgramSettings, readonly nurses: number) {
    this.hours = new Float64Array(nurses);
    this.visits = new Int32Array(nurses);
    this.limit = nurseDayLimitHours(program);
    this.maxVisits = program.max_visits_per_nurse_per_day;
  }

  /** The first nurse who can take a visit of `visitHours`, or −1. */
  nurseFor(visitHours: number): number {
    for (let k = 0; k < this.nurses; k++) {
      if (this.visits[k]! < this.maxVisits && this.hours[k]! + visitHours <= this.limit + HOURS_TOLERANCE) return k;
    }
    return -1;
  }

  /**
   * Book a visit with the first nurse it fits; returns the nurse or −1 (nothing booked).
   * @example new NurseRoster(program, 2).place(9.2); // 0
   */
  place(visitHours: number): number {
    const k = this.nurseFor(visitHours);
    if (k >= 0) { this.hours[k]! += visitHours; this.visits[k]!++; }
    return k;
  }
}
