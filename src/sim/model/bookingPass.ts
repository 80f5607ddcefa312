/**
 * A working day's booking pass in one run, and the due list it works from. The policy books home visits and
 * clinic chairs (through the run's day context); then the safety net sends to the clinic whoever would reach the
 * trigger before the next working day, and offers a regular chair to whoever has waited `max_home_wait_days` from
 * their crossmatch ready day; then the day's visits are carried out (visits.ts), and no-shows and failed visits go
 * back on the list. Capacity lives in bookings.ts (src/service), crossmatch readiness in crossmatch.ts.
 *
 * Cost: O(due + booked) per working day besides the policy's own work; memory O(due).
 */
import type { ProgramSettings } from '../../scenario/sections/program.js';
import type { SimulationSettings } from '../../scenario/sections/simulation.js';
import { homeUnitsOnDay, workingDaysAfter } from '../../service/index.js';
import type { DayContext, Policy } from '../policies/types.js';
import type { BloodBank } from './bloodBank.js';
import type { DayBookings } from './bookings.js';
import type { Crossmatch } from './crossmatch.js';
import { SERVICE_TIME } from './eventTimes.js';
import type { ExchangeEvents } from './exchangeEvents.js';
import type { PatientStates } from './patients.js';
import type { RunTally } from './tally.js';
import type { SimCohort } from './types.js';
import type { VisitOutcomes } from './visits.js';
import type { WaitingDays } from './waiting.js';

/** The run's parts the booking pass works with (run.ts builds them). */
export interface BookingPassParts {
  readonly program: ProgramSettings;
  readonly sim: SimulationSettings;
  readonly cohort: SimCohort;
  /** Nurse hours of one home visit per patient (cohort.ts `visitHoursOf`). */
  readonly visitHours: Float64Array;
  readonly policy: Policy;
  readonly book: DayBookings;
  readonly stock: BloodBank;
  readonly patients: PatientStates;
  readonly visits: VisitOutcomes;
  readonly waiting: WaitingDays;
  readonly tally: RunTally;
  readonly crossmatch: Crossmatch;
  /** Scheduled exchanges; null when exchanges follow the Hb trigger. */
  readonly exchanges: ExchangeEvents | null;
  /** The cohort flow's 0/1 presence per patient (arrivals.ts). */
  readonly present: Uint8Array;
}

export class BookingPass {
  /** Due patients not yet booked, in the order they became due (rebooked ones appended). */
  due: number[] = [];
  /** The day bookings are for (set by the run before the policy's `beforeDay` and each service event). */
  day = 0;

  constructor(private readonly r: BookingPassParts) {}

  /**
   * Working day d's service at time t: the policy's bookings (seeing `context`), the safety net, the visits, then
   * the waits classified and samples redrawn for whoever is still due.
   * @example pass.serve(7, 7.5, context); // Monday's bookings and visits
   */
  serve(d: number, t: number, context: DayContext): void {
    const { book, waiting } = this.r;
    book.open(d);
    this.r.stock.openDay(homeUnitsOnDay(this.r.program, d));
    this.r.policy.plan(context);
    const next = workingDaysAfter(this.r.program, d, 1);
    this.safetyNet(d, next);
    this.due = this.due.filter((i) => !book.bookedOn(i, d));
    this.visit(d, t);
    waiting.classify(this.due, d);
    this.r.crossmatch.resample(this.due, d, next);
    book.close(d);
  }

  /**
   * Whoever would reach the trigger before the next working day `next` goes to the clinic today; whoever has waited
   * `max_home_wait_days` (from their crossmatch ready day) for a home slot is offered a regular clinic chair. For a
   * home policy's eligible patient either is a fallback to the clinic (counted).
   */
  private safetyNet(d: number, next: number): void {
    const { book, patients, waiting } = this.r;
    const homePolicy = this.r.policy.usesHome !== false;
    for (const i of this.due) {
      if (book.bookedOn(i, d) || !this.r.crossmatch.ready(i, d)) continue;
      const waited = d - Math.max(patients.dueDay[i]!, patients.readyDay[i]!);
      const held = homePolicy && this.homeAllowed(i) && !waiting.refusedOn(i, d); // kept for a home slot
      let booked = false;
      if (patients.needByDay[i]! < next) booked = this.clinic(i, true);
      else if (waited >= this.r.sim.max_home_wait_days) booked = this.clinic(i, false);
      if (booked && held) this.r.tally.c.homeFallbacks++;
    }
  }

  /** Carry out day d's bookings; whoever is still due after theirs (no-show, failed visit) is back on the list. */
  private visit(d: number, t: number): void {
    const { book, patients, visits, waiting } = this.r;
    for (const i of book.homeToday) { book.markVisit(i, d); visits.home(i, d, t, book.chainOf(i)); }
    for (const i of book.clinicToday) { book.markVisit(i, d); visits.clinic(i, d, t); }
    // an exchange given: the next one is planned a cycle on (scheduled exchanges)
    this.r.exchanges?.afterVisits(book.clinicToday, d);
    // no-shows and failed visits stay due: back on the list, rebooked from the next working day
    for (const i of book.homeToday) if (patients.due[i]) { this.due.push(i); waiting.failed(i, d); }
    for (const i of book.clinicToday) if (patients.due[i]) { this.due.push(i); waiting.failed(i, d); }
  }

  private canBook(i: number): boolean {
    return this.r.patients.due[i] === 1 && !this.r.book.bookedOn(i, this.day) && this.r.crossmatch.ready(i, this.day);
  }

  /**
   * Book patient i a home visit today: a nurse with the hours, and units the home blood supply can give.
   * @example pass.home(3); // false when no nurse's shift has the visit's hours left
   */
  home(i: number): boolean {
    if (!this.canBook(i) || !this.homeAllowed(i)) return false;
    const { book, stock } = this.r;
    const h = this.r.visitHours[i]!;
    const units = this.r.patients.unitsFor(i, this.day + SERVICE_TIME);
    if (units === 0 || !book.nurseFree(h, i) || !stock.canSupplyHome(i, units)) return false;
    stock.issue(i, units, this.day + SERVICE_TIME, true);
    return book.home(i, this.day, h);
  }

  /**
   * Book patient i a clinic chair today (an apheresis slot for an exchange); `overflow`: the safety net may open an
   * extra session. A refusal is recorded as the patient's reason to wait.
   * @example pass.clinic(3); // false when today's chair-hours are used up
   */
  clinic(i: number, overflow = false): boolean {
    if (!this.canBook(i)) return false;
    const { book, patients } = this.r;
    const booked = patients.isExchange(i)
      ? book.exchange(i, this.day, overflow)
      : book.clinic(i, this.day, this.r.cohort.unitsPerEpisode[i]!, overflow);
    if (!booked) this.r.waiting.refused(i, this.day);
    return booked;
  }

  /** Patient i may be visited at home: eligible, not withdrawn after a reaction, no exchange, present. */
  homeAllowed(i: number): boolean {
    const { cohort, patients } = this.r;
    return cohort.eligible[i] === 1 && this.r.visits.withdrawn[i] === 0 && !patients.isExchange(i)
      && this.r.present[i] === 1;
  }
}
