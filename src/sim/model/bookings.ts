/**
 * One working day's bookings: each nurse's hours and visits (the service model's {@link NurseRoster}), the
 * clinic's chair-hours, and who is booked where. Capacity comes from src/service only; the run's safety net
 * may overflow the chairs (an extra session, counted).
 *
 * Cost: O(nurses) per home booking, O(1) per clinic booking.
 */
import type { ProgramSettings } from '../../scenario/sections/program.js';
import type { RegimenSettings } from '../../scenario/sections/regimen.js';
import {
  NurseRoster, apheresisHoursOnDay, chairHoursOnDay, clinicChairHours, isWorkingDay, nursesOnDay, overtimeHours,
} from '../../service/index.js';
import type { ChainRule } from '../../service/index.js';
import type { RunTally } from './tally.js';

/** Two home visits on one trip today: bank → first → second → bank. */
export interface TripChain {
  readonly first: number;
  readonly second: number;
}

export class DayBookings {
  roster: NurseRoster;
  private chairCapacity = 0;
  private chairHoursLeft = 0;
  private apheresisLeft = 0;
  /** Patients booked at home / in the clinic today, in booking order. */
  homeToday: number[] = [];
  clinicToday: number[] = [];
  /** Day each patient was last booked (−1 never); a patient is booked at most once a day. */
  private readonly bookedDay: Int32Array;
  /** Nurse of each patient's last home booking. */
  private readonly nurseOf: Int32Array;
  private readonly visitDay: Int32Array;

  constructor(private readonly p: ProgramSettings, private readonly tally: RunTally, n: number,
    private readonly regimen?: RegimenSettings, private readonly chain?: ChainRule) {
    this.roster = new NurseRoster(p, 0);
    this.bookedDay = new Int32Array(n).fill(-1);
    this.visitDay = new Int32Array(n).fill(-1);
    this.nurseOf = new Int32Array(n).fill(-1);
  }

  /** Open day d (day 0 is a Monday): the day's nurses and chair-hours (none on a holiday), nobody booked. */
  open(d: number): void {
    this.roster = new NurseRoster(this.p, nursesOnDay(this.p, d), this.chain);
    this.chairCapacity = chairHoursOnDay(this.p, d);
    this.chairHoursLeft = this.chairCapacity;
    this.apheresisLeft = this.regimen ? apheresisHoursOnDay(this.regimen, isWorkingDay(this.p, d)) : 0;
    this.homeToday = [];
    this.clinicToday = [];
  }

  bookedOn(i: number, d: number): boolean {
    return this.bookedDay[i] === d;
  }

  /** Book a home visit of `hours` for patient i on day d if a nurse has room; false otherwise. */
  home(i: number, d: number, hours: number): boolean {
    const k = this.roster.place(hours, i);
    if (k < 0) return false;
    this.nurseOf[i] = k;
    this.bookedDay[i] = d;
    this.homeToday.push(i);
    return true;
  }

  /** The chain patient i's home visit today is a stop of (first and second stop), or undefined: a round trip. */
  chainOf(i: number): TripChain | undefined {
    const k = this.nurseOf[i]!, r = this.roster;
    if (k < 0 || k >= r.nurses || r.second[k]! < 0 || (r.first[k] !== i && r.second[k] !== i)) return undefined;
    return { first: r.first[k]!, second: r.second[k]! };
  }

  /** Whether a nurse has room for patient i's visit of `hours` today (chained where the scenario allows). */
  nurseFree(hours: number, i = -1): boolean {
    return this.roster.nurseFor(hours, i) >= 0;
  }

  /**
   * A clinic chair for `units` within today's chair-hours; with `overflow` (the safety net on the trigger day)
   * the visit happens anyway in an extra session and the hours beyond capacity count as overflow.
   */
  clinic(i: number, d: number, units: number, overflow: boolean): boolean {
    const hours = clinicChairHours(this.p, units);
    if (this.chairHoursLeft < hours) {
      if (!overflow) return false;
      const extra = hours - this.chairHoursLeft;
      this.tally.c.chairHoursOverflow += extra;
      this.tally.series('chairHoursOverflow', d, extra);
      this.chairHoursLeft = 0;
    } else {
      this.chairHoursLeft -= hours;
    }
    this.bookedDay[i] = d;
    this.clinicToday.push(i);
    return true;
  }

  /**
   * An apheresis chair for a red cell exchange (regimen.exchange_chair_hours) within today's apheresis hours;
   * with `overflow` (the safety net) in an extra session, the hours beyond capacity counted as overflow.
   */
  exchange(i: number, d: number, overflow: boolean): boolean {
    const hours = this.regimen?.exchange_chair_hours ?? 0, c = this.tally.c;
    let extra = 0;
    if (this.apheresisLeft < hours) {
      if (!overflow) return false;
      extra = hours - this.apheresisLeft;
      this.apheresisLeft = 0;
    } else {
      this.apheresisLeft -= hours;
    }
    c.apheresisHoursUsed += hours - extra;
    c.apheresisHoursOverflow += extra;
    this.bookedDay[i] = d;
    this.clinicToday.push(i);
    return true;
  }

  /** Invariant: one visit per patient per day (a patient is never in two places at once). */
  markVisit(i: number, d: number): void {
    if (this.visitDay[i] === d) this.tally.r.checks.doubleBookings++;
    this.visitDay[i] = d;
  }

  /** Close day d: nurse hours, overtime and chair-hours used, and the capacity checks. */
  close(d: number): void {
    const p = this.p, ck = this.tally.r.checks, c = this.tally.c, roster = this.roster;
    let hours = 0, overtime = 0;
    for (let k = 0; k < roster.nurses; k++) {
      const used = roster.hours[k]!;
      hours += used;
      overtime += overtimeHours(p, used);
      ck.maxNurseHoursPerNurseDay = Math.max(ck.maxNurseHoursPerNurseDay, used);
      ck.maxVisitsPerNurseDay = Math.max(ck.maxVisitsPerNurseDay, roster.visits[k]!);
    }
    ck.chainedVisits += roster.chains;
    const chair = this.chairCapacity - this.chairHoursLeft;
    ck.maxChairHoursDay = Math.max(ck.maxChairHoursDay, chair);
    c.nurseHoursUsed += hours;
    c.nurseHoursAvailable += roster.nurses * p.shift_hours;
    c.nurseOvertimeHours += overtime;
    c.chairHoursUsed += chair;
    c.chairHoursAvailable += this.chairCapacity;
    this.tally.series('nurseHours', d, hours);
    this.tally.series('chairHours', d, chair);
  }
}
